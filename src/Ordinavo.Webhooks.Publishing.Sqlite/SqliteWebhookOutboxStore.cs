using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Ordinavo.Webhooks.Publishing.Sqlite.Schema;
using Ordinavo.Webhooks.Publishing.Sqlite.Storage;
using static Ordinavo.Webhooks.Publishing.Sqlite.Storage.SqliteDeliveryReader;

namespace Ordinavo.Webhooks.Publishing.Sqlite;

/// <summary>
/// The SQLite outbox store: one database file in WAL mode that creates and migrates its own schema. Writes of this
/// process go through one connection, one at a time (SQLite has a single writer); reads use pooled connections and
/// never wait for writers. Several processes may share the file: they take turns on the write lock (busy timeout).
/// </summary>
/// <remarks>
/// For the transactional outbox, use the host's database file and call
/// <see cref="EnqueueAsync(WebhookPreparedEvent, SqliteTransaction, CancellationToken)"/> inside the host's transaction.
/// </remarks>
public sealed class SqliteWebhookOutboxStore : IWebhookOutboxStore, IWebhookDeliveryMonitor, IAsyncDisposable, IDisposable
{
    /// <summary>Rows deleted per purge transaction: a few milliseconds of the single writer, so deliveries never wait long behind a purge.</summary>
    private const int PurgeChunk = 2000;

    /// <summary>The initial capacity of a lease's list: a worker's usual batch fits; a huge batch size allocates nothing up front.</summary>
    private const int LeaseCapacityHint = 256;
    private const string Deliveries = SqliteSchema.Deliveries;
    private const string LeaseGuard = "WHERE id = $id AND state = 0 AND lease_owner = $owner;";
    private const string Released = "lease_owner = NULL, lease_expires_at = NULL";
    private const string Rescheduled = "next_attempt_at = $at";
    private const string Completed = "state = 1, completed_at = $at";
    private const string DeadLettered = "state = 2, completed_at = $at, dead_letter_reason = $reason";
    private const string AttemptSummary = "attempt_count = max(attempt_count, $number), last_attempt_at = $started, last_status_code = $status, last_error_kind = $error";
    private const string RescheduleSql = $"UPDATE {Deliveries} SET {Rescheduled}, {Released} {LeaseGuard}";
    private const string CompleteSql = $"UPDATE {Deliveries} SET {Completed}, {Released} {LeaseGuard}";
    private const string DeadLetterSql = $"UPDATE {Deliveries} SET {DeadLettered}, {Released} {LeaseGuard}";

    // An attempt's summary and the delivery's new state in one statement while the lease holds: the common finish.
    private const string RescheduleAttemptSql = $"UPDATE {Deliveries} SET {AttemptSummary}, {Rescheduled}, {Released} {LeaseGuard}";
    private const string CompleteAttemptSql = $"UPDATE {Deliveries} SET {AttemptSummary}, {Completed}, {Released} {LeaseGuard}";
    private const string DeadLetterAttemptSql = $"UPDATE {Deliveries} SET {AttemptSummary}, {DeadLettered}, {Released} {LeaseGuard}";
    private const string AttemptSummarySql = $"UPDATE {Deliveries} SET {AttemptSummary} WHERE id = $id;";

    private readonly SqliteConnectionFactory _factory;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private readonly SqliteWriteBatcher _writer;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private volatile bool _initialized;
    private int _disposed;

    /// <summary>Creates a store over the file named by <paramref name="options"/>. Nothing is opened until first use.</summary>
    /// <exception cref="ArgumentException">The options name no file, an in-memory or a read-only database.</exception>
    public SqliteWebhookOutboxStore(SqliteWebhookOutboxStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SqliteWebhookOutboxStoreOptionsValidator.ThrowIfInvalid(options);
        Options = options;
        _factory = new SqliteConnectionFactory(options);
        _writer = new SqliteWriteBatcher(_factory.OpenAsync, options.FlushEveryCommit);
    }

    /// <summary>The options the store was created with.</summary>
    public SqliteWebhookOutboxStoreOptions Options { get; }

    /// <summary>The full path of the database file.</summary>
    public string DatabaseFile => _factory.DatabaseFile;

    /// <summary>
    /// Creates the file (WAL mode) and creates or migrates the schema, once per store instance. Safe when several
    /// processes do it at the same time. Every other method calls it first; hosts call it at start to fail early.
    /// </summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            await _factory.InitializeFileAsync(cancellationToken).ConfigureAwait(false);
            var connection = await _factory.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await SqliteSchemaMigrator.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            _initialized = true;
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <inheritdoc />
    public Task<bool> EnqueueAsync(WebhookPreparedEvent preparedEvent, CancellationToken cancellationToken)
    {
        WebhookOutboxStoreSupport.ThrowIfInvalidEvent(preparedEvent);
        return WriteAsync((connection, transaction, ct) => InsertPreparedAsync(connection, transaction, preparedEvent, cached: true, ct), cancellationToken);
    }

    /// <summary>
    /// The transactional outbox: stores the prepared event's deliveries inside the host's own transaction on the same
    /// database file, so that the host's business change and the webhook commit or roll back together. Idempotent by
    /// event id like <see cref="EnqueueAsync(WebhookPreparedEvent, CancellationToken)"/>. The worker finds the deliveries
    /// on its next poll once the host commits; nothing is delivered when the host rolls back.
    /// </summary>
    /// <param name="preparedEvent">The event made by <see cref="IWebhookPublisher.PrepareAsync"/>.</param>
    /// <param name="transaction">The host's open transaction (begun with <c>BeginTransaction()</c>, which takes the write lock at once).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when stored; <see langword="false"/> when the event id was already enqueued.</returns>
    /// <exception cref="InvalidOperationException">The outbox schema does not exist yet in that file (start the host, or call <see cref="EnsureSchemaAsync"/> first).</exception>
    public async Task<bool> EnqueueAsync(WebhookPreparedEvent preparedEvent, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        WebhookOutboxStoreSupport.ThrowIfInvalidEvent(preparedEvent);
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = transaction.Connection ?? throw new ArgumentException("The transaction has completed.", nameof(transaction));
        if (!_initialized)
        {
            // Never migrate from here: the host's transaction may hold the write lock the migration would wait for.
            var version = await SqliteSchemaMigrator.ReadVersionAsync(connection, cancellationToken, transaction).ConfigureAwait(false);
            if (version != SqliteSchema.LatestVersion)
            {
                throw new InvalidOperationException(
                    "The webhook outbox schema does not exist in this database yet: start the host (or call EnsureSchemaAsync) before publishing inside a transaction.");
            }
        }

        return await InsertPreparedAsync(connection, transaction, preparedEvent, cached: false, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookDeliveryRecord>> LeaseDueAsync(string owner, DateTimeOffset now, int batchSize, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        WebhookOutboxStoreSupport.ThrowIfInvalidLease(owner, batchSize, leaseDuration);
        return WriteAsync<IReadOnlyList<WebhookDeliveryRecord>>(async (connection, transaction, ct) =>
        {
            var command = Command(connection, transaction,
                $"""
                UPDATE {Deliveries} SET lease_owner = $owner, lease_expires_at = $expires
                WHERE id IN (
                    SELECT id FROM {Deliveries}
                    WHERE state = 0 AND next_attempt_at <= $now AND (lease_expires_at IS NULL OR lease_expires_at <= $now)
                    ORDER BY next_attempt_at, id LIMIT $limit)
                RETURNING {DeliveryColumns};
                """);
            command.Parameters.AddWithValue("$owner", owner);
            command.Parameters.AddWithValue("$expires", Ticks(now + leaseDuration));
            command.Parameters.AddWithValue("$now", Ticks(now));
            command.Parameters.AddWithValue("$limit", batchSize);
            var leased = new List<WebhookDeliveryRecord>(Math.Min(batchSize, LeaseCapacityHint));
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    leased.Add(ReadDelivery(reader));
                }
            }

            WebhookOutboxStoreSupport.SortLeased(leased);
            return leased;
        }, SqliteWriteKind.Bookkeeping, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<bool>> FinishAttemptsAsync(IReadOnlyList<WebhookAttemptOutcome> outcomes, CancellationToken cancellationToken)
    {
        WebhookOutboxStoreSupport.ThrowIfInvalidOutcomes(outcomes);
        if (outcomes.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<bool>>([]);
        }

        return WriteAsync<IReadOnlyList<bool>>(async (connection, transaction, ct) =>
        {
            // One write operation for the whole batch: the writer commits it (with whatever else waits) in one transaction.
            var applied = new bool[outcomes.Count];
            for (var i = 0; i < outcomes.Count; i++)
            {
                var outcome = outcomes[i];
                var (sql, attemptSql, reason) = outcome.Resolution switch
                {
                    WebhookAttemptResolution.Succeeded => (CompleteSql, CompleteAttemptSql, (WebhookDeadLetterReason?)null),
                    WebhookAttemptResolution.DeadLettered => (DeadLetterSql, DeadLetterAttemptSql, outcome.DeadLetterReason ?? WebhookDeadLetterReason.RetriesExhausted),
                    _ => (RescheduleSql, RescheduleAttemptSql, null),
                };
                if (outcome.Attempt is not { } attempt)
                {
                    applied[i] = await ExecuteGuardedAsync(Command(connection, transaction, sql), outcome, reason, ct).ConfigureAwait(false);
                    continue;
                }

                var guarded = Command(connection, transaction, attemptSql);
                AddAttemptSummary(guarded, attempt);
                applied[i] = await ExecuteGuardedAsync(guarded, outcome, reason, ct).ConfigureAwait(false);

                // A lease that was taken over or expired leaves the state alone, but the attempt happened: its summary and
                // row are recorded all the same, unless the delivery is gone (purged).
                if (applied[i] || await RecordAttemptSummaryAsync(connection, transaction, attempt, ct).ConfigureAwait(false))
                {
                    await InsertAttemptAsync(connection, transaction, attempt, ct).ConfigureAwait(false);
                }
            }

            return applied;
        }, SqliteWriteKind.Bookkeeping, cancellationToken);
    }

    private async Task<bool> RecordAttemptSummaryAsync(SqliteConnection connection, SqliteTransaction transaction, WebhookDeliveryAttempt attempt, CancellationToken ct)
    {
        var update = Command(connection, transaction, AttemptSummarySql);
        AddAttemptSummary(update, attempt);
        update.Parameters.AddWithValue("$id", attempt.DeliveryId);
        return await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
    }

    private static void AddAttemptSummary(SqliteCommand command, WebhookDeliveryAttempt attempt)
    {
        command.Parameters.AddWithValue("$number", attempt.AttemptNumber);
        command.Parameters.AddWithValue("$started", Ticks(attempt.StartedAt));
        command.Parameters.AddWithValue("$status", (object?)attempt.StatusCode ?? DBNull.Value);
        command.Parameters.AddWithValue("$error", (int)attempt.ErrorKind);
    }

    private async Task InsertAttemptAsync(SqliteConnection connection, SqliteTransaction transaction, WebhookDeliveryAttempt attempt, CancellationToken ct)
    {
        var insert = Command(connection, transaction,
            $"""
            INSERT INTO {SqliteSchema.Attempts} ({AttemptColumns})
            VALUES ($id, $attemptId, $number, $started, $duration, $status, $error, $body);
            """);
        insert.Parameters.AddWithValue("$id", attempt.DeliveryId);
        insert.Parameters.AddWithValue("$attemptId", attempt.AttemptId);
        insert.Parameters.AddWithValue("$number", attempt.AttemptNumber);
        insert.Parameters.AddWithValue("$started", Ticks(attempt.StartedAt));
        insert.Parameters.AddWithValue("$duration", attempt.Duration.Ticks);
        insert.Parameters.AddWithValue("$status", (object?)attempt.StatusCode ?? DBNull.Value);
        insert.Parameters.AddWithValue("$error", (int)attempt.ErrorKind);
        insert.Parameters.AddWithValue("$body", (object?)attempt.ResponseBody ?? DBNull.Value);
        await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<WebhookDeliveryRecord?> GetDeliveryAsync(string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        return ReadAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"{SelectDeliveries} WHERE id = $id;";
            command.Parameters.AddWithValue("$id", deliveryId);
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadDelivery(reader) : null;
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<WebhookDeliveryPage> QueryDeliveriesAsync(WebhookDeliveryQuery query, CancellationToken cancellationToken)
    {
        WebhookOutboxStoreSupport.ThrowIfInvalidQuery(query);
        return ReadAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            var sql = new StringBuilder(SelectDeliveries).Append(" WHERE 1 = 1");
            Filter(command, sql, "event_id = $eventId", "$eventId", query.EventId);
            Filter(command, sql, "subscription_id = $subscriptionId", "$subscriptionId", query.SubscriptionId);
            Filter(command, sql, "tenant_id = $tenantId", "$tenantId", query.TenantId);
            Filter(command, sql, "state = $state", "$state", query.State is { } state ? (int)state : null);
            Filter(command, sql, "created_at >= $from", "$from", query.CreatedFrom is { } from ? Ticks(from) : null);
            Filter(command, sql, "created_at < $before", "$before", query.CreatedBefore is { } before ? Ticks(before) : null);
            Filter(command, sql, "id > $after", "$after", query.After);
            sql.Append(" ORDER BY id LIMIT $limit;");
            command.Parameters.AddWithValue("$limit", query.Limit + 1);
            command.CommandText = sql.ToString();
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await WebhookOutboxStoreSupport.ReadDeliveryPageAsync(reader, query.Limit, ReadDelivery, ct).ConfigureAwait(false);
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookDeliveryAttempt>> GetAttemptsAsync(string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        return ReadAsync<IReadOnlyList<WebhookDeliveryAttempt>>(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText =
                $"SELECT {AttemptColumns} FROM {SqliteSchema.Attempts} WHERE delivery_id = $id ORDER BY started_at, attempt_number, seq;";
            command.Parameters.AddWithValue("$id", deliveryId);
            var attempts = new List<WebhookDeliveryAttempt>();
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    attempts.Add(ReadAttempt(reader));
                }
            }

            return attempts;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RequeueAsync(string deliveryId, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        return WriteAsync(async (connection, transaction, ct) =>
        {
            var command = Command(connection, transaction,
                $"""
                UPDATE {Deliveries} SET state = 0, next_attempt_at = $at, attempt_count = 0, completed_at = NULL,
                    dead_letter_reason = NULL, lease_owner = NULL, lease_expires_at = NULL
                WHERE id = $id AND (lease_expires_at IS NULL OR lease_expires_at <= $at);
                """);
            command.Parameters.AddWithValue("$at", Ticks(nextAttemptAt));
            command.Parameters.AddWithValue("$id", deliveryId);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> RequeueDeadLettersAsync(string subscriptionId, DateTimeOffset createdFrom, DateTimeOffset createdBefore, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        return WriteAsync(async (connection, transaction, ct) =>
        {
            var command = Command(connection, transaction,
                $"""
                UPDATE {Deliveries} SET state = 0, next_attempt_at = $at, attempt_count = 0, completed_at = NULL,
                    dead_letter_reason = NULL, lease_owner = NULL, lease_expires_at = NULL
                WHERE state = 2 AND subscription_id = $subscription AND created_at >= $from AND created_at < $before;
                """);
            command.Parameters.AddWithValue("$at", Ticks(nextAttemptAt));
            command.Parameters.AddWithValue("$subscription", subscriptionId);
            command.Parameters.AddWithValue("$from", Ticks(createdFrom));
            command.Parameters.AddWithValue("$before", Ticks(createdBefore));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<WebhookDeliveryStatistics> GetStatisticsAsync(WebhookDeliveryStatisticsQuery query, CancellationToken cancellationToken)
    {
        WebhookOutboxStoreSupport.ThrowIfInvalidStatisticsQuery(query);
        return ReadAsync((connection, ct) => SqliteDeliveryStatistics.ReadAsync(connection, query, ct), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Deletes in chunks of a few thousand rows, one short write transaction each, so that workers are not held up.</remarks>
    public async Task<int> PurgeAsync(DateTimeOffset completedBefore, bool includeDeadLetters, CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await WriteAsync(async (connection, transaction, ct) =>
            {
                var command = Command(connection, transaction,
                    $"""
                    DELETE FROM {Deliveries} WHERE id IN (
                        SELECT id FROM {Deliveries}
                        WHERE state <> 0 AND completed_at < $cut AND (state = 1 OR $dead = 1)
                        LIMIT $chunk);
                    """);
                command.Parameters.AddWithValue("$cut", Ticks(completedBefore));
                command.Parameters.AddWithValue("$dead", includeDeadLetters ? 1 : 0);
                command.Parameters.AddWithValue("$chunk", PurgeChunk);
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == PurgeChunk);

        int forgotten;
        do
        {
            forgotten = await WriteAsync(async (connection, transaction, ct) =>
            {
                var command = Command(connection, transaction,
                    $"""
                    DELETE FROM {SqliteSchema.Events} WHERE event_id IN (
                        SELECT e.event_id FROM {SqliteSchema.Events} e
                        WHERE e.created_at < $cut AND NOT EXISTS (SELECT 1 FROM {Deliveries} d WHERE d.event_id = e.event_id)
                        LIMIT $chunk);
                    """);
                command.Parameters.AddWithValue("$cut", Ticks(completedBefore));
                command.Parameters.AddWithValue("$chunk", PurgeChunk);
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        while (forgotten == PurgeChunk);

        return total;
    }

    /// <inheritdoc />
    public Task<WebhookQueueDepth> GetQueueDepthAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText =
                $"""
                SELECT count(*), coalesce(sum(CASE WHEN next_attempt_at <= $now AND (lease_expires_at IS NULL OR lease_expires_at <= $now) THEN 1 ELSE 0 END), 0)
                FROM {Deliveries} WHERE state = 0;
                """;
            command.Parameters.AddWithValue("$now", Ticks(now));
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(ct).ConfigureAwait(false);
                return new WebhookQueueDepth(reader.GetInt64(0), reader.GetInt64(1));
            }
        }, cancellationToken);

    /// <inheritdoc />
    public Task<WebhookSubscriptionHealth> RecordSubscriptionOutcomeAsync(string subscriptionId, bool succeeded, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        return WriteAsync(async (connection, transaction, ct) =>
        {
            var command = Command(connection, transaction, succeeded
                ? $"""
                   INSERT INTO {SqliteSchema.Health} (subscription_id, last_success_at, failing_since) VALUES ($id, $at, NULL)
                   ON CONFLICT (subscription_id) DO UPDATE SET last_success_at = excluded.last_success_at, failing_since = NULL
                   RETURNING last_success_at, failing_since;
                   """
                : $"""
                   INSERT INTO {SqliteSchema.Health} (subscription_id, last_success_at, failing_since) VALUES ($id, NULL, $at)
                   ON CONFLICT (subscription_id) DO UPDATE SET failing_since = coalesce(failing_since, excluded.failing_since)
                   RETURNING last_success_at, failing_since;
                   """);
            command.Parameters.AddWithValue("$id", subscriptionId);
            command.Parameters.AddWithValue("$at", Ticks(at));
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(ct).ConfigureAwait(false);
                return new WebhookSubscriptionHealth(subscriptionId,
                    reader.IsDBNull(0) ? null : Time(reader.GetInt64(0)),
                    reader.IsDBNull(1) ? null : Time(reader.GetInt64(1)));
            }
        }, SqliteWriteKind.Bookkeeping, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _writer.Dispose();
        lock (_commands)
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _commands.Clear();
        }

        using var any = new SqliteConnection(_factory.ConnectionString);
        SqliteConnection.ClearPool(any);
    }

    private async Task<bool> InsertPreparedAsync(SqliteConnection connection, SqliteTransaction transaction, WebhookPreparedEvent prepared, bool cached, CancellationToken cancellationToken)
    {
        var insertEvent = cached ? Command(connection, transaction, InsertEventSql) : NewCommand(connection, transaction, InsertEventSql);
        try
        {
            insertEvent.Parameters.AddWithValue("$eventId", prepared.EventId);
            insertEvent.Parameters.AddWithValue("$tenantId", prepared.TenantId);
            insertEvent.Parameters.AddWithValue("$eventType", prepared.EventType);
            insertEvent.Parameters.AddWithValue("$createdAt", Ticks(prepared.CreatedAt));
            if (await insertEvent.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return false;
            }
        }
        finally
        {
            if (!cached)
            {
                insertEvent.Dispose();
            }
        }

        if (prepared.Deliveries.Count == 0)
        {
            return true;
        }

        var insert = cached ? Command(connection, transaction, InsertDeliverySql) : NewCommand(connection, transaction, InsertDeliverySql);
        try
        {
            var p = insert.Parameters;
            var id = p.Add("$id", SqliteType.Text);
            var eventId = p.Add("$eventId", SqliteType.Text);
            var subscriptionId = p.Add("$subscriptionId", SqliteType.Text);
            var tenantId = p.Add("$tenantId", SqliteType.Text);
            var eventType = p.Add("$eventType", SqliteType.Text);
            var endpoint = p.Add("$endpoint", SqliteType.Text);
            var body = p.Add("$body", SqliteType.Blob);
            var state = p.Add("$state", SqliteType.Integer);
            var attemptCount = p.Add("$attemptCount", SqliteType.Integer);
            var next = p.Add("$next", SqliteType.Integer);
            var leaseOwner = p.Add("$leaseOwner", SqliteType.Text);
            var leaseExpires = p.Add("$leaseExpires", SqliteType.Integer);
            var createdAt = p.Add("$createdAt", SqliteType.Integer);
            var completedAt = p.Add("$completedAt", SqliteType.Integer);
            var lastAttemptAt = p.Add("$lastAttemptAt", SqliteType.Integer);
            var lastStatus = p.Add("$lastStatus", SqliteType.Integer);
            var lastError = p.Add("$lastError", SqliteType.Integer);
            var reason = p.Add("$reason", SqliteType.Integer);
            foreach (var d in prepared.Deliveries)
            {
                id.Value = d.Id;
                eventId.Value = d.EventId;
                subscriptionId.Value = d.SubscriptionId;
                tenantId.Value = d.TenantId;
                eventType.Value = d.EventType;
                endpoint.Value = d.EndpointUrl.OriginalString;
                body.Value = d.Body.ToArray();
                state.Value = (int)d.State;
                attemptCount.Value = d.AttemptCount;
                next.Value = Ticks(d.NextAttemptAt);
                leaseOwner.Value = (object?)d.LeaseOwner ?? DBNull.Value;
                leaseExpires.Value = Ticks(d.LeaseExpiresAt);
                createdAt.Value = Ticks(d.CreatedAt);
                completedAt.Value = Ticks(d.CompletedAt);
                lastAttemptAt.Value = Ticks(d.LastAttemptAt);
                lastStatus.Value = (object?)d.LastStatusCode ?? DBNull.Value;
                lastError.Value = (int)d.LastErrorKind;
                reason.Value = d.DeadLetterReason is { } r ? (int)r : DBNull.Value;
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (!cached)
            {
                insert.Dispose();
            }
        }

        return true;
    }

    private const string InsertEventSql =
        $"INSERT INTO {SqliteSchema.Events} (event_id, tenant_id, event_type, created_at) VALUES ($eventId, $tenantId, $eventType, $createdAt) ON CONFLICT (event_id) DO NOTHING;";

    private const string InsertDeliverySql =
        $"""
        INSERT INTO {Deliveries} ({DeliveryColumns})
        VALUES ($id, $eventId, $subscriptionId, $tenantId, $eventType, $endpoint, $body, $state, $attemptCount, $next,
                $leaseOwner, $leaseExpires, $createdAt, $completedAt, $lastAttemptAt, $lastStatus, $lastError, $reason);
        """;

    /// <summary>Runs a lease-guarded finish (a command from <see cref="Command"/>): <see langword="true"/> when the lease still held.</summary>
    private static async Task<bool> ExecuteGuardedAsync(SqliteCommand command, WebhookAttemptOutcome outcome, WebhookDeadLetterReason? reason, CancellationToken ct)
    {
        command.Parameters.AddWithValue("$at", Ticks(outcome.At));
        command.Parameters.AddWithValue("$id", outcome.DeliveryId);
        command.Parameters.AddWithValue("$owner", outcome.LeaseOwner);
        if (reason is { } r)
        {
            command.Parameters.AddWithValue("$reason", (int)r);
        }

        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
    }

    /// <summary>
    /// Runs an acknowledging write (flushed with <see cref="SqliteWebhookOutboxStoreOptions.FlushEveryCommit"/>) through this
    /// process's single writer (group commit); also used by <see cref="SqliteWebhookSubscriptionRecordStore"/>.
    /// </summary>
    internal Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync(work, SqliteWriteKind.Acknowledging, cancellationToken);

    /// <summary>Runs <paramref name="work"/> through this process's single writer (group commit).</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> work, SqliteWriteKind kind, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return await _writer.WriteAsync(work, kind, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> on a pooled reading connection; also used by <see cref="SqliteWebhookSubscriptionRecordStore"/>.</summary>
    internal async Task<T> ReadAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var connection = await _factory.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await work(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A cached command of the writer connection (only used under the write lock), prepared once per connection.</summary>
    internal SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        SqliteCommand? command;
        lock (_commands)
        {
            if (!_commands.TryGetValue(sql, out command) || !ReferenceEquals(command.Connection, connection))
            {
                command?.Dispose();
                command = connection.CreateCommand();
                command.CommandText = sql;
                _commands[sql] = command;
            }
        }

        command.Parameters.Clear();
        command.Transaction = transaction;
        return command;
    }

    private static SqliteCommand NewCommand(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Filter(SqliteCommand command, StringBuilder sql, string condition, string name, object? value)
    {
        if (value is not null)
        {
            sql.Append(" AND ").Append(condition);
            command.Parameters.AddWithValue(name, value);
        }
    }
}
