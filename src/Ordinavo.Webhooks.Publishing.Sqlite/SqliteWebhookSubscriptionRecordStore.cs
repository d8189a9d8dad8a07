using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Ordinavo.Webhooks.Publishing.Sqlite.Schema;
using static Ordinavo.Webhooks.Publishing.Sqlite.Storage.SqliteDeliveryReader;

namespace Ordinavo.Webhooks.Publishing.Sqlite;

/// <summary>
/// Managed subscriptions in the SQLite outbox file (table <c>ordinavo_webhook_subscriptions</c>, created by the outbox
/// schema's migrations). It shares the outbox store's connections and its single writer, so subscription changes and
/// outbox writes of this process never wait for each other's locks; several processes may share the file. Each change
/// is one statement guarded by the expected version (optimistic concurrency). Other processes see a change when their
/// subscription cache expires (<see cref="WebhookSubscriptionManagementOptions.CacheDuration"/>).
/// </summary>
/// <remarks>Hosts choose it with <c>UseSqliteSubscriptions()</c> after <c>UseSqliteStore(...)</c>.</remarks>
public sealed class SqliteWebhookSubscriptionRecordStore : IWebhookSubscriptionRecordStore
{
    private const string Table = SqliteSchema.Subscriptions;
    private const string Columns = "id, tenant_id, version, created_at, updated_at, document";

    private const string InsertSql =
        $"INSERT INTO {Table} ({Columns}) VALUES ($id, $tenantId, $version, $createdAt, $updatedAt, $document) ON CONFLICT (id) DO NOTHING;";

    private const string ReplaceSql =
        $"UPDATE {Table} SET version = $expected + 1, updated_at = $updatedAt, document = $document WHERE id = $id AND version = $expected;";

    private const string DeleteSql = $"DELETE FROM {Table} WHERE id = $id AND version = $expected;";

    private readonly SqliteWebhookOutboxStore _outbox;

    /// <summary>Creates a store in the file of <paramref name="outbox"/> (which must outlive it).</summary>
    /// <param name="outbox">The SQLite outbox store whose file, connections and writer the subscriptions share.</param>
    public SqliteWebhookSubscriptionRecordStore(SqliteWebhookOutboxStore outbox)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        _outbox = outbox;
    }

    /// <inheritdoc />
    public Task<bool> TryInsertAsync(WebhookSubscriptionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _outbox.WriteAsync(async (connection, transaction, ct) =>
        {
            var command = _outbox.Command(connection, transaction, InsertSql);
            var p = command.Parameters;
            p.AddWithValue("$id", record.Id);
            p.AddWithValue("$tenantId", record.TenantId);
            p.AddWithValue("$version", record.Version);
            p.AddWithValue("$createdAt", Ticks(record.CreatedAt));
            p.AddWithValue("$updatedAt", Ticks(record.UpdatedAt));
            p.AddWithValue("$document", record.Document);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<WebhookSubscriptionRecord?> GetAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        return _outbox.ReadAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM {Table} WHERE id = $id;";
            command.Parameters.AddWithValue("$id", subscriptionId);
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(ct).ConfigureAwait(false) ? Read(reader) : null;
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookSubscriptionRecord>> ListAsync(string tenantId, string? afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return _outbox.ReadAsync<IReadOnlyList<WebhookSubscriptionRecord>>(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();

            // Ids compare as bytes (BINARY collation), which is ordinal order for the ASCII ids the manager makes.
            command.CommandText = afterId is null
                ? $"SELECT {Columns} FROM {Table} WHERE tenant_id = $tenantId ORDER BY id LIMIT $limit;"
                : $"SELECT {Columns} FROM {Table} WHERE tenant_id = $tenantId AND id > $after ORDER BY id LIMIT $limit;";
            command.Parameters.AddWithValue("$tenantId", tenantId);
            command.Parameters.AddWithValue("$limit", limit);
            if (afterId is not null)
            {
                command.Parameters.AddWithValue("$after", afterId);
            }

            var records = new List<WebhookSubscriptionRecord>();
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    records.Add(Read(reader));
                }
            }

            return records;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryReplaceAsync(WebhookSubscriptionRecord record, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _outbox.WriteAsync(async (connection, transaction, ct) =>
        {
            var command = _outbox.Command(connection, transaction, ReplaceSql);
            var p = command.Parameters;
            p.AddWithValue("$id", record.Id);
            p.AddWithValue("$expected", expectedVersion);
            p.AddWithValue("$updatedAt", Ticks(record.UpdatedAt));
            p.AddWithValue("$document", record.Document);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryDeleteAsync(string subscriptionId, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        return _outbox.WriteAsync(async (connection, transaction, ct) =>
        {
            var command = _outbox.Command(connection, transaction, DeleteSql);
            command.Parameters.AddWithValue("$id", subscriptionId);
            command.Parameters.AddWithValue("$expected", expectedVersion);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
        }, cancellationToken);
    }

    private static WebhookSubscriptionRecord Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        TenantId = reader.GetString(1),
        Version = reader.GetInt64(2),
        CreatedAt = Time(reader.GetInt64(3)),
        UpdatedAt = Time(reader.GetInt64(4)),
        Document = reader.GetString(5),
    };
}
