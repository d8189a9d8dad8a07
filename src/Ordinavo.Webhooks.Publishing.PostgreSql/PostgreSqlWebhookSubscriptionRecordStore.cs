using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Ordinavo.Webhooks.Publishing.PostgreSql.Notifications;

namespace Ordinavo.Webhooks.Publishing.PostgreSql;

/// <summary>
/// Managed subscriptions in the PostgreSQL outbox schema (table <c>subscriptions</c>, created by the outbox schema's
/// migrations), through the outbox store's data source. Each change is one statement, guarded by the expected version
/// (optimistic concurrency), that also announces the change on the outbox's notification channel (<c>pg_notify</c>,
/// sent on commit): as an <see cref="IWebhookSubscriptionChangeSource"/> the store tells this node's subscription cache
/// about changes made on any node, so a disabled subscription stops receiving everywhere at once.
/// </summary>
/// <remarks>
/// <para>Hosts choose it with <c>UsePostgreSqlSubscriptions()</c> after <c>UsePostgreSqlStore(...)</c>.</para>
/// <para>
/// The notification carries the tenant id (at most 1,024 bytes of it; a longer one is sent as "some tenant", which drops
/// every cached tenant). With <see cref="PostgreSqlWebhookOutboxStoreOptions.ListenForNotifications"/> off nothing is
/// sent, and other nodes see a change when their cache expires (<see cref="WebhookSubscriptionManagementOptions.CacheDuration"/>).
/// </para>
/// </remarks>
public sealed class PostgreSqlWebhookSubscriptionRecordStore : IWebhookSubscriptionRecordStore, IWebhookSubscriptionChangeSource
{
    /// <summary>The longest tenant id (UTF-8 bytes) a notification carries; PostgreSQL refuses payloads of 8,000 bytes and more.</summary>
    private const int MaxNotifiedTenantBytes = 1024;

    private const string Columns = "id, tenant_id, version, created_at, updated_at, document";

    private readonly PostgreSqlWebhookOutboxStore _outbox;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _insertSql;
    private readonly string _replaceSql;
    private readonly string _deleteSql;
    private readonly string _getSql;
    private readonly string _listFirstSql;
    private readonly string _listAfterSql;

    /// <summary>Creates a store in the schema of <paramref name="outbox"/>, through its data source (the outbox store must outlive it).</summary>
    /// <param name="outbox">The PostgreSQL outbox store whose schema, connections and notification channel the subscriptions share.</param>
    public PostgreSqlWebhookSubscriptionRecordStore(PostgreSqlWebhookOutboxStore outbox)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        _outbox = outbox;
        _dataSource = outbox.DataSource;
        var table = outbox.Schema.Quoted + ".subscriptions";
        var channel = outbox.Channel;
        _insertSql = Changing(channel,
            $"INSERT INTO {table} ({Columns}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING tenant_id");
        _replaceSql = Changing(channel,
            $"UPDATE {table} SET version = $2 + 1, updated_at = $3, document = $4 WHERE id = $1 AND version = $2 RETURNING tenant_id");
        _deleteSql = Changing(channel, $"DELETE FROM {table} WHERE id = $1 AND version = $2 RETURNING tenant_id");
        _getSql = $"SELECT {Columns} FROM {table} WHERE id = $1;";
        _listFirstSql = $"SELECT {Columns} FROM {table} WHERE tenant_id = $1 ORDER BY id LIMIT $2;";
        _listAfterSql = $"SELECT {Columns} FROM {table} WHERE tenant_id = $1 AND id > $3 ORDER BY id LIMIT $2;";
    }

    /// <inheritdoc />
    public async Task<bool> TryInsertAsync(WebhookSubscriptionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _outbox.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(_insertSql);
        command.Parameters.Add(Text(record.Id));
        command.Parameters.Add(Text(record.TenantId));
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = record.Version });
        command.Parameters.Add(Time(record.CreatedAt));
        command.Parameters.Add(Time(record.UpdatedAt));
        command.Parameters.Add(Text(record.Document));
        return await ChangedAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<WebhookSubscriptionRecord?> GetAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        await _outbox.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(_getSql);
        command.Parameters.Add(Text(subscriptionId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookSubscriptionRecord>> ListAsync(string tenantId, string? afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await _outbox.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(afterId is null ? _listFirstSql : _listAfterSql);
        command.Parameters.Add(Text(tenantId));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        if (afterId is not null)
        {
            command.Parameters.Add(Text(afterId));
        }

        var records = new List<WebhookSubscriptionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    /// <inheritdoc />
    public async Task<bool> TryReplaceAsync(WebhookSubscriptionRecord record, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _outbox.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(_replaceSql);
        command.Parameters.Add(Text(record.Id));
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedVersion });
        command.Parameters.Add(Time(record.UpdatedAt));
        command.Parameters.Add(Text(record.Document));
        return await ChangedAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> TryDeleteAsync(string subscriptionId, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        await _outbox.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(_deleteSql);
        command.Parameters.Add(Text(subscriptionId));
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedVersion });
        return await ChangedAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Calls <paramref name="onChange"/> with the tenant id of every subscription change any node makes in this schema
    /// (this node's too), and with <see langword="null"/> whenever listening starts or starts again after a lost
    /// connection (changes may have been missed). It listens on one connection of the outbox store's pool while
    /// subscribed; with <see cref="PostgreSqlWebhookOutboxStoreOptions.ListenForNotifications"/> off it never calls.
    /// </summary>
    /// <param name="onChange">Called on the listener's thread; must return at once and not throw.</param>
    /// <returns>The subscription; disposing it stops listening when it was the last one.</returns>
    public IDisposable Subscribe(Action<string?> onChange) => _outbox.SubscribeToSubscriptionChanges(onChange);

    /// <summary>
    /// Wraps a data-changing statement that returns the changed row's tenant id: the result is the number of rows changed,
    /// and with notifications on, the statement also notifies the channel once per changed row (on commit).
    /// </summary>
    private static string Changing(PostgreSqlNotificationChannel? channel, string change)
    {
        if (channel is null)
        {
            return $"WITH changed AS ({change}) SELECT count(*) FROM changed;";
        }

        // The payload is built by the server from the stored tenant id (never spliced into SQL): the prefix and the id,
        // or the prefix alone for an id too long for a notification.
        var payload =
            $"'{PostgreSqlNotificationListener.SubscriptionChangePrefix}' || CASE WHEN octet_length(changed.tenant_id) <= {MaxNotifiedTenantBytes} THEN changed.tenant_id ELSE '' END";
        return $"""
            WITH changed AS ({change}),
            notified AS (SELECT {channel.Notify(payload)} FROM changed)
            SELECT (SELECT count(*) FROM changed), (SELECT count(*) FROM notified);
            """;
    }

    private static async Task<bool> ChangedAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return reader.GetInt64(0) > 0;
    }

    private static WebhookSubscriptionRecord Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        TenantId = reader.GetString(1),
        Version = reader.GetInt64(2),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(3),
        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(4),
        Document = reader.GetString(5),
    };

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value };

    private static NpgsqlParameter<DateTimeOffset> Time(DateTimeOffset value) => new() { TypedValue = value.ToUniversalTime() };
}
