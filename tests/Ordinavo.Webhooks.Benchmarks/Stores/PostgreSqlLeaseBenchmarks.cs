using Ordinavo.Webhooks.Publishing.PostgreSql;

namespace Ordinavo.Webhooks.Benchmarks.Stores;

/// <summary>
/// The time to lease a batch of 100 due deliveries (FOR UPDATE SKIP LOCKED) from a PostgreSQL outbox holding 10,000
/// (baseline) and 1,000,000 deliveries (see <see cref="LeaseSeed"/>), seeded with generate_series. Each operation leases
/// the 100 oldest due deliveries with a lease that expires before the next operation. Needs ORDINAVO_TEST_POSTGRES.
/// </summary>
public class PostgreSqlLeaseBenchmarks : OutboxLeaseBenchmarks
{
    private string _schema = null!;
    private PostgreSqlWebhookOutboxStore _store = null!;

    protected override async Task DisposeStoreAsync()
    {
        await _store.DisposeAsync();
        await BenchmarkPostgres.DropSchemaAsync(_schema);
    }

    protected override async Task<Publishing.IWebhookOutboxStore> CreateSeededStoreAsync(int count)
    {
        _schema = "bench_lease_" + Guid.NewGuid().ToString("N")[..12];
        _store = new PostgreSqlWebhookOutboxStore(new PostgreSqlWebhookOutboxStoreOptions { ConnectionString = BenchmarkPostgres.ConnectionString, SchemaName = _schema });
        await _store.EnsureSchemaAsync(CancellationToken.None);
        var s = $"\"{_schema}\"";
        await BenchmarkPostgres.ExecuteAsync(
            $"""
            INSERT INTO {s}.deliveries (id, event_id, subscription_id, tenant_id, event_type, endpoint_url, body, state,
                attempt_count, next_attempt_at, lease_owner, lease_expires_at, created_at, completed_at, last_attempt_at,
                last_status_code, last_error_kind, dead_letter_reason)
            SELECT lpad(i::text, 26, '0'), 'evt_' || lpad(i::text, 26, '0'), 'sub-' || (i % 10), 'tenant-1', 'target.imported',
                'https://receiver.example/hooks', decode(repeat(md5(i::text), 8), 'hex'),
                CASE WHEN i % 20 <= 1 THEN 0 ELSE 1 END,
                CASE WHEN i % 20 = 0 THEN 0 ELSE 1 END,
                CASE WHEN i % 20 = 1 THEN t.now + interval '1 day' ELSE t.now - ({count} - i) * interval '1 ms' END,
                NULL, NULL, t.now - ({count} - i) * interval '1 ms',
                CASE WHEN i % 20 <= 1 THEN NULL ELSE t.now - ({count} - i) * interval '1 ms' + interval '500 ms' END,
                CASE WHEN i % 20 = 0 THEN NULL ELSE t.now - ({count} - i) * interval '1 ms' END,
                CASE WHEN i % 20 = 0 THEN NULL WHEN i % 20 = 1 THEN 500 ELSE 200 END,
                CASE WHEN i % 20 = 1 THEN 1 ELSE 0 END, NULL
            FROM generate_series(1, {count}) AS i, (SELECT timestamptz '2026-06-18 16:40:00+00' AS now) AS t;
            """);
        await BenchmarkPostgres.ExecuteAsync($"VACUUM ANALYZE {s}.deliveries;");
        return _store;
    }
}
