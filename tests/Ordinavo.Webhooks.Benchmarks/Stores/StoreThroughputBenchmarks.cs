using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Ordinavo.Webhooks.Benchmarks.Stores;

/// <summary>
/// Publish + deliver throughput with the durable stores against the in-memory store (baseline) in the same run: each
/// operation publishes 500 events (8 publishers at a time) and waits until the loopback Kestrel receiver got all 500
/// from the running delivery worker. The PostgreSQL case needs ORDINAVO_TEST_POSTGRES (a throwaway schema is used).
/// 20 warm-up iterations: the in-memory baseline needs them before the tiered JIT has settled on this 2-core machine.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[WarmupCount(20)]
public class StoreThroughputBenchmarks
{
    private const int Events = 500;
    private StoreBenchmarkReceiver _receiver = null!;
    private StoreBenchmarkNode _node = null!;
    private string? _folder;
    private string? _schema;

    [GlobalSetup(Target = nameof(InMemory))]
    public void SetupInMemory() => StartAsync(builder => builder.UseInMemoryStore()).GetAwaiter().GetResult();

    [GlobalSetup(Target = nameof(Sqlite))]
    public void SetupSqlite()
    {
        _folder = Path.Combine(Path.GetTempPath(), "ordinavo-bench-" + Guid.NewGuid().ToString("N"));
        StartAsync(builder => builder.UseSqliteStore(Path.Combine(_folder, "webhooks.db"))).GetAwaiter().GetResult();
    }

    [GlobalSetup(Target = nameof(PostgreSql))]
    public void SetupPostgreSql()
    {
        _schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
        StartAsync(builder => builder.UsePostgreSqlStore(BenchmarkPostgres.ConnectionString, o => o.SchemaName = _schema)).GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public Task InMemory() => RunAsync();

    [Benchmark(OperationsPerInvoke = Events)]
    public Task Sqlite() => RunAsync();

    [Benchmark(OperationsPerInvoke = Events)]
    public Task PostgreSql() => RunAsync();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task CleanupAsync()
    {
        await _node.DisposeAsync();
        await _receiver.DisposeAsync();
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }

        if (_schema is not null)
        {
            await BenchmarkPostgres.DropSchemaAsync(_schema);
        }
    }

    private async Task StartAsync(Action<IWebhookPublisherBuilder> useStore)
    {
        _receiver = await StoreBenchmarkReceiver.StartAsync();
        _node = await StoreBenchmarkNode.StartAsync(_receiver.Endpoint, useStore);
    }

    private async Task RunAsync()
    {
        var all = _receiver.Expect(Events);
        await _node.PublishAsync(Events);
        await all.WaitAsync(TimeSpan.FromMinutes(2));
    }
}
