using Ordinavo.Webhooks.Publishing;
using Ordinavo.Webhooks.Publishing.PostgreSql;

namespace Ordinavo.Webhooks.Benchmarks.Stores;

/// <summary>
/// The delivery dashboard's reads (<see cref="DeliveryStatisticsBenchmarks"/>) on a PostgreSQL outbox seeded with
/// generate_series. Needs ORDINAVO_TEST_POSTGRES.
/// </summary>
public class PostgreSqlDeliveryStatisticsBenchmarks : DeliveryStatisticsBenchmarks
{
    private string _schema = null!;
    private PostgreSqlWebhookOutboxStore _store = null!;

    protected override async Task DisposeStoreAsync()
    {
        await _store.DisposeAsync();
        await BenchmarkPostgres.DropSchemaAsync(_schema);
    }

    protected override async Task<IWebhookDeliveryMonitor> CreateSeededStoreAsync(int count)
    {
        _schema = "bench_stats_" + Guid.NewGuid().ToString("N")[..12];
        _store = new PostgreSqlWebhookOutboxStore(new PostgreSqlWebhookOutboxStoreOptions { ConnectionString = BenchmarkPostgres.ConnectionString, SchemaName = _schema });
        await _store.EnsureSchemaAsync(CancellationToken.None);
        var s = $"\"{_schema}\"";
        var windowStart = count - DeliveryStatisticsSeed.Window;
        // k = (i / 100) % 20 picks the state (independent of the tenant i % 100); w: in the last 24 hours.
        await BenchmarkPostgres.ExecuteAsync(
            $"""
            INSERT INTO {s}.deliveries (id, event_id, subscription_id, tenant_id, event_type, endpoint_url, body, state,
                attempt_count, next_attempt_at, lease_owner, lease_expires_at, created_at, completed_at, last_attempt_at,
                last_status_code, last_error_kind, dead_letter_reason)
            SELECT lpad(i::text, 26, '0'), 'evt_' || lpad(i::text, 26, '0'), 'sub-' || (i % 1000), 'tenant-' || (i % 100), 'target.imported',
                'https://receiver.example/hooks', decode(repeat(md5(i::text), 8), 'hex'),
                CASE WHEN w AND k <= 1 THEN 0 WHEN k = 19 THEN 2 ELSE 1 END,
                CASE WHEN w AND k = 0 THEN 0 ELSE 1 END,
                CASE WHEN w AND k = 1 THEN created + interval '1 hour' ELSE created END,
                NULL, NULL, created,
                CASE WHEN w AND k <= 1 THEN NULL ELSE created + interval '500 ms' END,
                CASE WHEN w AND k = 0 THEN NULL ELSE created END,
                CASE WHEN w AND k = 0 THEN NULL WHEN k = 1 OR k = 19 THEN 500 ELSE 200 END,
                CASE WHEN (w AND k = 1) OR k = 19 THEN 1 ELSE 0 END,
                CASE WHEN k = 19 AND NOT (w AND k <= 1) THEN 0 ELSE NULL END
            FROM (SELECT i, (i / 100) % 20 AS k, i > {windowStart} AS w,
                         timestamptz '2026-06-18 16:40:00+00' - ({count} - i) * interval '{DeliveryStatisticsSeed.StepMs} ms' AS created
                  FROM generate_series(1, {count}) AS i) AS d;
            """);
        await BenchmarkPostgres.ExecuteAsync($"VACUUM ANALYZE {s}.deliveries;");
        return _store;
    }
}
