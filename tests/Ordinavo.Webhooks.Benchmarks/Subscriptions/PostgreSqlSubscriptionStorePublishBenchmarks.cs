using BenchmarkDotNet.Attributes;
using Ordinavo.Webhooks.Benchmarks.Stores;
using Ordinavo.Webhooks.Publishing;
using Ordinavo.Webhooks.Publishing.PostgreSql;

namespace Ordinavo.Webhooks.Benchmarks.Subscriptions;

/// <summary>
/// Publishing with managed subscriptions in PostgreSQL (<see cref="PostgreSqlWebhookSubscriptionRecordStore"/>, the
/// server in ORDINAVO_TEST_POSTGRES) against the in-memory subscription store.
/// </summary>
[BenchmarkCategory("PostgreSQL")]
public class PostgreSqlSubscriptionStorePublishBenchmarks : SubscriptionStorePublishBenchmarks
{
    private readonly string _schema = "ordinavo_bench_" + Guid.NewGuid().ToString("N")[..12];
    private PostgreSqlWebhookOutboxStore _outbox = null!;

    protected override async Task<IWebhookSubscriptionRecordStore> CreateRecordStoreAsync()
    {
        _outbox = new PostgreSqlWebhookOutboxStore(new PostgreSqlWebhookOutboxStoreOptions { ConnectionString = BenchmarkPostgres.ConnectionString, SchemaName = _schema });
        await _outbox.EnsureSchemaAsync(CancellationToken.None);
        return new PostgreSqlWebhookSubscriptionRecordStore(_outbox);
    }

    protected override async Task DisposeRecordStoreAsync()
    {
        await _outbox.DisposeAsync();
        await BenchmarkPostgres.DropSchemaAsync(_schema);
    }
}
