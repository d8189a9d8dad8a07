using Microsoft.Data.Sqlite;
using Ordinavo.Webhooks.Publishing;
using Ordinavo.Webhooks.Publishing.Sqlite;

namespace Ordinavo.Webhooks.Benchmarks.Stores;

/// <summary>The delivery dashboard's reads (<see cref="DeliveryStatisticsBenchmarks"/>) on a SQLite outbox seeded with a recursive CTE.</summary>
public class SqliteDeliveryStatisticsBenchmarks : DeliveryStatisticsBenchmarks
{
    private string _folder = null!;
    private SqliteWebhookOutboxStore _store = null!;

    protected override async Task DisposeStoreAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    protected override async Task<IWebhookDeliveryMonitor> CreateSeededStoreAsync(int count)
    {
        _folder = Path.Combine(Path.GetTempPath(), "ordinavo-stats-bench-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(_folder, "webhooks.db");
        _store = new SqliteWebhookOutboxStore(new SqliteWebhookOutboxStoreOptions { DatabasePath = path, FlushEveryCommit = false });
        await _store.EnsureSchemaAsync(CancellationToken.None);
        var now = DeliveryStatisticsSeed.Now.UtcTicks;
        const long Ms = TimeSpan.TicksPerMillisecond;
        const long Step = DeliveryStatisticsSeed.StepMs * Ms;
        var windowStart = count - DeliveryStatisticsSeed.Window;
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // k = (i / 100) % 20 picks the state (independent of the tenant i % 100); w = 1 in the last 24 hours.
        command.CommandText =
            $"""
            PRAGMA synchronous = OFF;
            BEGIN;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}),
            d AS (SELECT i, (i / 100) % 20 AS k, CASE WHEN i > {windowStart} THEN 1 ELSE 0 END AS w, {now} - ({count} - i) * {Step} AS created FROM n)
            INSERT INTO ordinavo_webhook_deliveries (id, event_id, subscription_id, tenant_id, event_type, endpoint_url, body, state,
                attempt_count, next_attempt_at, lease_owner, lease_expires_at, created_at, completed_at, last_attempt_at,
                last_status_code, last_error_kind, dead_letter_reason)
            SELECT printf('%026d', i), 'evt_' || printf('%026d', i), 'sub-' || (i % 1000), 'tenant-' || (i % 100), 'target.imported',
                'https://receiver.example/hooks', randomblob(256),
                CASE WHEN w = 1 AND k <= 1 THEN 0 WHEN k = 19 THEN 2 ELSE 1 END,
                CASE WHEN w = 1 AND k = 0 THEN 0 ELSE 1 END,
                CASE WHEN w = 1 AND k = 1 THEN created + 3600000 * {Ms} ELSE created END,
                NULL, NULL, created,
                CASE WHEN w = 1 AND k <= 1 THEN NULL ELSE created + 500 * {Ms} END,
                CASE WHEN w = 1 AND k = 0 THEN NULL ELSE created END,
                CASE WHEN w = 1 AND k = 0 THEN NULL WHEN k = 1 OR k = 19 THEN 500 ELSE 200 END,
                CASE WHEN (w = 1 AND k = 1) OR k = 19 THEN 1 ELSE 0 END,
                CASE WHEN k = 19 AND NOT (w = 1 AND k <= 1) THEN 0 ELSE NULL END
            FROM d;
            COMMIT;
            ANALYZE;
            """;
        command.CommandTimeout = 900;
        await command.ExecuteNonQueryAsync();
        return _store;
    }
}
