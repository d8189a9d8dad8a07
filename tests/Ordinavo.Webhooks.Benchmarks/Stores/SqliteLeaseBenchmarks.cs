using Microsoft.Data.Sqlite;
using Ordinavo.Webhooks.Publishing.Sqlite;

namespace Ordinavo.Webhooks.Benchmarks.Stores;

/// <summary>
/// The time to lease a batch of 100 due deliveries from a SQLite outbox holding 10,000 (baseline) and 1,000,000
/// deliveries (see <see cref="LeaseSeed"/>). Each operation leases the 100 oldest due deliveries with a lease that
/// expires before the next operation, so every operation does the same work. FlushEveryCommit is off here, so that the
/// figure is the query, not the disk flush (which costs the same whatever the row count).
/// </summary>
public class SqliteLeaseBenchmarks : OutboxLeaseBenchmarks
{
    private string _folder = null!;
    private SqliteWebhookOutboxStore _store = null!;

    protected override async Task DisposeStoreAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    protected override async Task<Publishing.IWebhookOutboxStore> CreateSeededStoreAsync(int count)
    {
        _folder = Path.Combine(Path.GetTempPath(), "ordinavo-lease-bench-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(_folder, "webhooks.db");
        _store = new SqliteWebhookOutboxStore(new SqliteWebhookOutboxStoreOptions { DatabasePath = path, FlushEveryCommit = false });
        await _store.EnsureSchemaAsync(CancellationToken.None);
        var now = LeaseSeed.Now.UtcTicks;
        const long Ms = TimeSpan.TicksPerMillisecond;
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"""
            PRAGMA synchronous = OFF;
            BEGIN;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count})
            INSERT INTO ordinavo_webhook_deliveries (id, event_id, subscription_id, tenant_id, event_type, endpoint_url, body, state,
                attempt_count, next_attempt_at, lease_owner, lease_expires_at, created_at, completed_at, last_attempt_at,
                last_status_code, last_error_kind, dead_letter_reason)
            SELECT printf('%026d', i), 'evt_' || printf('%026d', i), 'sub-' || (i % 10), 'tenant-1', 'target.imported',
                'https://receiver.example/hooks', randomblob(256),
                CASE WHEN i % 20 <= 1 THEN 0 ELSE 1 END,
                CASE WHEN i % 20 = 0 THEN 0 ELSE 1 END,
                CASE WHEN i % 20 = 1 THEN {now} + 86400000 * {Ms} ELSE {now} - ({count} - i) * {Ms} END,
                NULL, NULL, {now} - ({count} - i) * {Ms},
                CASE WHEN i % 20 <= 1 THEN NULL ELSE {now} - ({count} - i) * {Ms} + 500 * {Ms} END,
                CASE WHEN i % 20 = 0 THEN NULL ELSE {now} - ({count} - i) * {Ms} END,
                CASE WHEN i % 20 = 0 THEN NULL WHEN i % 20 = 1 THEN 500 ELSE 200 END,
                CASE WHEN i % 20 = 1 THEN 1 ELSE 0 END, NULL
            FROM n;
            COMMIT;
            ANALYZE;
            """;
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
        return _store;
    }
}
