using System.Data.Common;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Ordinavo.Webhooks.Benchmarks.Stores;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Receiving;
using Ordinavo.Webhooks.Signing;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Benchmarks.Receiving;

/// <summary>
/// One new event per operation on a real database (a SQLite file in WAL mode with every commit flushed, or the PostgreSQL
/// server of ORDINAVO_TEST_POSTGRES), 100 events per invocation:
/// the baseline is what an integrator writes by hand (verify, parse, then insert the business row and an eventId row
/// in one SaveChanges, a unique key rejecting a duplicate); against it the SDK's pipeline with the EF Core inbox and a
/// handler inserting the same business row, and the pipeline with the in-memory inbox and that handler.
/// Database operations per request (commands, commits, savepoints, counted by EF Core interceptors) are printed.
/// </summary>
[InvocationCount(4, 1)]
public class EntityFrameworkInboxBenchmarks
{
    private const int EventsPerInvocation = 100;
    private const int PoolSize = 20_000;

    private readonly List<Request> _requests = new(PoolSize);
    private readonly OperationCounter _counter = new();
    private ServiceProvider _services = null!;
    private WebhookReceiver _efReceiver = null!;
    private WebhookReceiver _memoryReceiver = null!;
    private WebhookVerifier _verifier = null!;
    private string? _folder;
    private string? _postgresDatabase;
    private string _connectionString = "";
    private int _next;

    [Params("SQLite", "PostgreSQL")]
    public string Database { get; set; } = "SQLite";

    [GlobalSetup]
    public void Setup()
    {
        if (Database == "SQLite")
        {
            _folder = Path.Combine(Path.GetTempPath(), "ordinavo-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(_folder);
            _connectionString = $"Data Source={Path.Combine(_folder, "inbox.db")}";
        }
        else
        {
            _postgresDatabase = "ordinavo_bench_" + Guid.NewGuid().ToString("N")[..8];
            BenchmarkPostgres.ExecuteAsync($"CREATE DATABASE {_postgresDatabase}").GetAwaiter().GetResult();
            _connectionString = new NpgsqlConnectionStringBuilder(BenchmarkPostgres.ConnectionString) { Database = _postgresDatabase }.ConnectionString;
        }

        var secret = WebhookSecret.Generate().ExposeSecret();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(_counter);
        services.AddDbContext<BenchContext>(Configure);
        services.AddOrdinavoWebhookReceiver("ef", o => o.Secrets.Add(secret)).UseEntityFrameworkInbox<BenchContext>().AddHandlerForAll<EffectHandler>();
        services.AddOrdinavoWebhookReceiver("memory", o => o.Secrets.Add(secret)).UseInMemoryInbox(o => o.MaxEntries = 10_000).AddHandlerForAll<EffectHandler>();
        _services = services.BuildServiceProvider();
        using (var scope = _services.CreateScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<BenchContext>();
            context.Database.EnsureCreated();
            if (Database == "SQLite")
            {
                context.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
            }
        }

        var factory = _services.GetRequiredService<IWebhookReceiverFactory>();
        _efReceiver = factory.GetReceiver("ef");
        _memoryReceiver = factory.GetReceiver("memory");
        _verifier = new WebhookVerifier(new WebhookVerifierOptions { Secrets = { WebhookSecret.Parse(secret) } });
        var sample = WebhookSamples.For(WebhookEventType.VisitReportApproved);
        for (var i = 0; i < PoolSize; i++)
        {
            var signed = WebhookTestRequests.Create(sample with { EventId = WebhookIdentifiers.NewEventId(), VisitReport = sample.VisitReport! with { Id = 1 + i } }, secret);
            _requests.Add(new Request(signed.Body.ToArray(), new Dictionary<string, string>(signed.Headers, StringComparer.OrdinalIgnoreCase), signed.ContentType!));
        }

        // One request of each kind, checked and counted.
        foreach (var (name, run) in new (string, Func<Task<bool>>)[] { ("hand-written", HandWrittenOneAsync), ("EF Core inbox", () => PipelineOneAsync(_efReceiver)), ("in-memory inbox", () => PipelineOneAsync(_memoryReceiver)) })
        {
            _counter.Reset();
            if (!run().GetAwaiter().GetResult())
            {
                throw new InvalidOperationException($"The {name} path did not handle its request.");
            }

            // The inbox's begin statement goes over the context's connection, not through EF Core's command pipeline.
            var inboxBegin = name == "EF Core inbox" ? " + 1 inbox begin statement" : "";
            Console.WriteLine($"// {Database} {name}: {_counter.Commands} EF Core commands{inboxBegin}, {_counter.Commits} commits, {_counter.Savepoints} savepoint operations per request");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }

        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            BenchmarkPostgres.ExecuteAsync($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)").GetAwaiter().GetResult();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = EventsPerInvocation, Description = "By hand: verify, parse, business row + eventId row in one SaveChanges")]
    public async Task HandWritten()
    {
        for (var i = 0; i < EventsPerInvocation; i++)
        {
            await HandWrittenOneAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvocation, Description = "SDK pipeline, EF Core inbox")]
    public async Task PipelineEntityFrameworkInbox()
    {
        for (var i = 0; i < EventsPerInvocation; i++)
        {
            await PipelineOneAsync(_efReceiver);
        }
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvocation, Description = "SDK pipeline, in-memory inbox")]
    public async Task PipelineInMemoryInbox()
    {
        for (var i = 0; i < EventsPerInvocation; i++)
        {
            await PipelineOneAsync(_memoryReceiver);
        }
    }

    private void Configure(IServiceProvider services, DbContextOptionsBuilder options)
    {
        if (Database == "SQLite")
        {
            options.UseSqlite(_connectionString);
        }
        else
        {
            options.UseNpgsql(_connectionString);
        }

        options.AddInterceptors(services.GetRequiredService<OperationCounter>());
    }

    private async Task<bool> HandWrittenOneAsync()
    {
        var request = NextRequest();
        if (!_verifier.Verify(new DictionaryHeaderReader(request.Headers), request.Body).IsValid)
        {
            return false;
        }

        string eventId;
        using (var document = JsonDocument.Parse(request.Body))
        {
            eventId = document.RootElement.GetProperty("eventId").GetString()!;
        }

        await using var scope = _services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<BenchContext>();
        context.Effects.Add(new Effect { EventId = eventId });
        context.ProcessedEvents.Add(new ProcessedEvent { EventId = eventId });
        try
        {
            await context.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // a duplicate: already handled
        }
    }

    private async Task<bool> PipelineOneAsync(WebhookReceiver receiver)
    {
        var request = NextRequest();
        var result = await receiver.ReceiveAsync(new DictionaryHeaderReader(request.Headers), request.Body, request.ContentType, CancellationToken.None);
        return result.Outcome == WebhookReceiveOutcome.Handled;
    }

    private Request NextRequest() => _next < PoolSize
        ? _requests[_next++]
        : throw new InvalidOperationException($"More than {PoolSize} requests: raise PoolSize (every request must be a new event).");

    private sealed record Request(byte[] Body, Dictionary<string, string> Headers, string ContentType);

    public sealed class BenchContext(DbContextOptions<BenchContext> options) : DbContext(options)
    {
        public DbSet<Effect> Effects => Set<Effect>();

        public DbSet<ProcessedEvent> ProcessedEvents => Set<ProcessedEvent>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Effect>().ToTable("effects");
            modelBuilder.Entity<ProcessedEvent>().ToTable("processed_events").HasKey(p => p.EventId);
            modelBuilder.AddOrdinavoWebhookInbox();
        }
    }

    public sealed class Effect
    {
        public long Id { get; set; }

        public string EventId { get; set; } = "";
    }

    public sealed class ProcessedEvent
    {
        public string EventId { get; set; } = "";
    }

    private sealed class EffectHandler(BenchContext context) : IWebhookHandler
    {
        public async Task HandleAsync(WebhookEventContext webhook, CancellationToken cancellationToken)
        {
            context.Effects.Add(new Effect { EventId = webhook.EventId });
            await context.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Counts what the context sends: commands, commits and savepoint operations.</summary>
    private sealed class OperationCounter : IDbCommandInterceptor, IDbTransactionInterceptor
    {
        public int Commands;
        public int Commits;
        public int Savepoints;

        public void Reset() => Commands = Commits = Savepoints = 0;

        public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Commands);
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Commands);
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Commands);
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Commits);
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Savepoints);
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult> ReleasingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Savepoints);
            return ValueTask.FromResult(result);
        }
    }
}
