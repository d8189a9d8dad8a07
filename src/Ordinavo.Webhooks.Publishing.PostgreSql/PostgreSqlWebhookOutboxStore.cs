using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Ordinavo.Webhooks.Publishing.PostgreSql.Notifications;
using Ordinavo.Webhooks.Publishing.PostgreSql.Schema;
using Ordinavo.Webhooks.Publishing.PostgreSql.Storage;
using static Ordinavo.Webhooks.Publishing.PostgreSql.Storage.PostgreSqlDeliveryReader;

namespace Ordinavo.Webhooks.Publishing.PostgreSql;

/// <summary>
/// The PostgreSQL outbox store for one or several publisher nodes on one database. Leasing takes due rows with
/// <c>FOR UPDATE SKIP LOCKED</c> and marks them with the worker's id and a lease expiry, so that nodes never lease the
/// same delivery while a lease holds, and a crashed node's deliveries become due again when its leases run out. Every
/// state change after an attempt is guarded by the lease owner. The schema is created and migrated by the store
/// (versioned, under an advisory lock).
/// </summary>
/// <remarks>
/// <para>
/// For the transactional outbox, call <see cref="EnqueueAsync(WebhookPreparedEvent, NpgsqlTransaction, CancellationToken)"/>
/// inside the host's own transaction.
/// </para>
/// <para>
/// Unless <see cref="PostgreSqlWebhookOutboxStoreOptions.ListenForNotifications"/> is off, every enqueue that stores
/// deliveries also sends a notification (<c>pg_notify</c>, in the same statement, so in the same transaction) on the
/// schema's channel, and the store, as an <see cref="IWebhookOutboxWakeSource"/>, listens on that channel while this
/// node's delivery worker runs: a publish on one node wakes the workers of the others at once. Polling stays the fallback.
/// </para>
/// </remarks>
public sealed class PostgreSqlWebhookOutboxStore : IWebhookOutboxStore, IWebhookDeliveryMonitor, IWebhookOutboxWakeSource, IAsyncDisposable, IDisposable
{
    /// <summary>Rows deleted per purge statement: short enough that its locks and WAL never hold up leases and finishes of other nodes.</summary>
    private const int PurgeChunk = 5000;

    /// <summary>The initial capacity of a lease's list: a worker's usual batch fits; a huge batch size allocates nothing up front.</summary>
    private const int LeaseCapacityHint = 256;

    /// <summary>
    /// How many statements Npgsql prepares per connection when the connection string does not say: the store runs about
    /// a dozen statement texts all the time (enqueue, lease, finish, health, reads), so all of them stay prepared.
    /// </summary>
    private const int DefaultMaxAutoPrepare = 32;

    /// <summary>
    /// A CTE that turns <c>synchronous_commit</c> off for the statement's own transaction (<c>set_config(..., true)</c> is
    /// <c>SET LOCAL</c>; volatile, so it is evaluated, and before the commit reads the setting). Used by the worker's
    /// bookkeeping, the lease and the finish, whose commits acknowledge nothing to a caller: the server does not wait for
    /// their WAL flush. A server crash can lose such a commit (never a later one, never a publish); the delivery is then
    /// leased and attempted again, at-least-once as receivers expect.
    /// </summary>
    private const string AsynchronousCommit = "asynchronous AS (SELECT set_config('synchronous_commit', 'off', true))";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgreSqlDeliveryStatistics _statistics;
    private readonly bool _ownsDataSource;
    private readonly PostgreSqlSchema _schema;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private readonly string _enqueueSql;
    private readonly string _leaseSql;
    private readonly string _finishAttemptsSql;
    private readonly string _requeueSql;
    private readonly string _requeueDeadLettersSql;
    private readonly string _purgeDeliveriesSql;
    private readonly string _purgeEventsSql;
    private readonly string _selectDeliveries;
    private readonly PostgreSqlNotificationListener? _listener;
    private readonly PostgreSqlPublishBatcher _publishes;
    private readonly string? _notifySql;
    private readonly ILogger _logger;

    /// <summary>
    /// The payload of this store's own notifications from <see cref="EnqueueAsync(WebhookPreparedEvent, CancellationToken)"/>:
    /// the publisher wakes this node's worker itself, so the listener ignores them. Notifications sent from a host
    /// transaction have an empty payload and wake this node too (the commit is when the deliveries become visible).
    /// </summary>
    private readonly string _ownPayload = Guid.NewGuid().ToString("N");
    private volatile bool _initialized;
    private int _disposed;

    /// <summary>Creates a store that connects with <see cref="PostgreSqlWebhookOutboxStoreOptions.ConnectionString"/> (and owns its data source).</summary>
    /// <exception cref="ArgumentException">The options are invalid (no connection string, a schema name that is not an identifier, ...).</exception>
    public PostgreSqlWebhookOutboxStore(PostgreSqlWebhookOutboxStoreOptions options)
        : this(CreateDataSource(options), options, ownsDataSource: true, loggerFactory: null)
    {
    }

    /// <summary>
    /// Creates a store that connects with <see cref="PostgreSqlWebhookOutboxStoreOptions.ConnectionString"/> (and owns its
    /// data source) and logs through <paramref name="loggerFactory"/> (the notification listener's connection failures).
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (no connection string, a schema name that is not an identifier, ...).</exception>
    public PostgreSqlWebhookOutboxStore(PostgreSqlWebhookOutboxStoreOptions options, ILoggerFactory? loggerFactory)
        : this(CreateDataSource(options), options, ownsDataSource: true, loggerFactory)
    {
    }

    /// <summary>Creates a store over the host's data source (which the host keeps owning and disposes).</summary>
    /// <exception cref="ArgumentException">The options are invalid (a schema name that is not an identifier, ...).</exception>
    public PostgreSqlWebhookOutboxStore(NpgsqlDataSource dataSource, PostgreSqlWebhookOutboxStoreOptions options)
        : this(dataSource, options, ownsDataSource: false, loggerFactory: null)
    {
    }

    /// <summary>
    /// Creates a store over the host's data source (which the host keeps owning and disposes) that logs through
    /// <paramref name="loggerFactory"/> (the notification listener's connection failures).
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (a schema name that is not an identifier, ...).</exception>
    public PostgreSqlWebhookOutboxStore(NpgsqlDataSource dataSource, PostgreSqlWebhookOutboxStoreOptions options, ILoggerFactory? loggerFactory)
        : this(dataSource, options, ownsDataSource: false, loggerFactory)
    {
    }

    private PostgreSqlWebhookOutboxStore(NpgsqlDataSource dataSource, PostgreSqlWebhookOutboxStoreOptions options, bool ownsDataSource, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        PostgreSqlWebhookOutboxStoreOptionsValidator.ThrowIfInvalid(options, requireConnectionString: false);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        Options = options;
        _schema = new PostgreSqlSchema(options.SchemaName);
        var s = _schema.Quoted;
        _selectDeliveries = $"SELECT {DeliveryColumns} FROM {s}.deliveries";
        _statistics = new PostgreSqlDeliveryStatistics(_schema);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PostgreSqlWebhookOutboxStore>();
        _publishes = new PostgreSqlPublishBatcher(
            WritePublishesAsync,
            options.ListenForNotifications ? NotifyAsync : null,
            ex => Diagnostics.Log.NotificationFailed(_logger, options.SchemaName, ex),
            TimeProvider.System);

        // The enqueue statement stores a batch of events (one or more) with their deliveries and returns the ids of the
        // events it stored (an event id already stored stores nothing). With notifications on, it notifies the schema's
        // channel once when it stored deliveries (the payload is $23): no extra round trip, and in the host's
        // transaction the notification goes out on commit only.
        var notifyCte = "";
        var notified = "0";
        if (options.ListenForNotifications)
        {
            var channel = new PostgreSqlNotificationChannel(options.SchemaName);
            Channel = channel;
            notifyCte = $", notified AS (SELECT {channel.Notify("$23")} FROM (SELECT 1 FROM ins LIMIT 1) AS stored WHERE $23::text IS NOT NULL)";
            _notifySql = $"SELECT {channel.Notify("$1")};";
            notified = "(SELECT count(*) FROM notified)";
            _listener = new PostgreSqlNotificationListener(dataSource, channel, _ownPayload, options.SchemaName, _logger);
        }

        _enqueueSql =
            $"""
            WITH ev AS (
                INSERT INTO {s}.events (event_id, tenant_id, event_type, created_at)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])
                ON CONFLICT (event_id) DO NOTHING
                RETURNING event_id
            ), ins AS (
                INSERT INTO {s}.deliveries ({DeliveryColumns})
                SELECT * FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::bytea[],
                    $12::smallint[], $13::integer[], $14::timestamptz[], $15::text[], $16::timestamptz[], $17::timestamptz[],
                    $18::timestamptz[], $19::timestamptz[], $20::integer[], $21::smallint[], $22::smallint[])
                    AS d({DeliveryColumns})
                WHERE d.event_id IN (SELECT event_id FROM ev)
                RETURNING 1
            ){notifyCte}
            SELECT event_id, {notified} FROM ev;
            """;
        _leaseSql =
            $"""
            WITH due AS (
                SELECT id FROM {s}.deliveries
                WHERE state = 0 AND next_attempt_at <= $1 AND (lease_expires_at IS NULL OR lease_expires_at <= $1)
                ORDER BY next_attempt_at, id
                LIMIT $2
                FOR UPDATE SKIP LOCKED
            ), {AsynchronousCommit}
            UPDATE {s}.deliveries d SET lease_owner = $3, lease_expires_at = $4
            FROM due WHERE d.id = due.id AND EXISTS (SELECT 1 FROM asynchronous)
            RETURNING {QualifiedDeliveryColumns};
            """;
        // A batch of finished deliveries in one statement (one round trip, one row version per delivery): lock each
        // delivery and read its latest version (whether this worker still holds the lease), append the attempt (when the
        // outcome has one: attempt_id is not null) and update the summary whatever the lease, and apply the new state
        // only where the lease held.
        _finishAttemptsSql =
            $"""
            WITH o AS (
                SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::bigint[], $6::int[], $7::smallint[], $8::text[],
                    $9::text[], $10::smallint[], $11::timestamptz[], $12::smallint[], $13::int[])
                    AS o(delivery_id, attempt_id, attempt_number, started_at, duration_ticks, status_code, error_kind, response_body,
                        lease_owner, state, at, reason, ord)
            ), locked AS (
                SELECT d.id, coalesce(d.state = 0 AND d.lease_owner = o.lease_owner, false) AS held
                FROM {s}.deliveries d JOIN o ON d.id = o.delivery_id
                FOR UPDATE OF d
            ), upd AS (
                UPDATE {s}.deliveries d SET
                    attempt_count = CASE WHEN o.attempt_id IS NULL THEN d.attempt_count ELSE greatest(d.attempt_count, o.attempt_number) END,
                    last_attempt_at = CASE WHEN o.attempt_id IS NULL THEN d.last_attempt_at ELSE o.started_at END,
                    last_status_code = CASE WHEN o.attempt_id IS NULL THEN d.last_status_code ELSE o.status_code END,
                    last_error_kind = CASE WHEN o.attempt_id IS NULL THEN d.last_error_kind ELSE o.error_kind END,
                    state = CASE WHEN l.held THEN o.state ELSE d.state END,
                    next_attempt_at = CASE WHEN l.held AND o.state = 0 THEN o.at ELSE d.next_attempt_at END,
                    completed_at = CASE WHEN l.held AND o.state <> 0 THEN o.at ELSE d.completed_at END,
                    dead_letter_reason = CASE WHEN l.held AND o.state = 2 THEN o.reason ELSE d.dead_letter_reason END,
                    lease_owner = CASE WHEN l.held THEN NULL ELSE d.lease_owner END,
                    lease_expires_at = CASE WHEN l.held THEN NULL ELSE d.lease_expires_at END
                FROM o JOIN locked l ON l.id = o.delivery_id
                WHERE d.id = o.delivery_id
                RETURNING o.ord, l.held
            ), ins AS (
                INSERT INTO {s}.attempts ({AttemptColumns})
                SELECT o.delivery_id, o.attempt_id, o.attempt_number, o.started_at, o.duration_ticks, o.status_code, o.error_kind, o.response_body
                FROM o WHERE o.attempt_id IS NOT NULL AND o.delivery_id IN (SELECT id FROM locked)
            ), {AsynchronousCommit}
            SELECT ord, held FROM upd WHERE EXISTS (SELECT 1 FROM asynchronous);
            """;
        const string Requeue =
            "SET state = 0, next_attempt_at = $1, attempt_count = 0, completed_at = NULL, dead_letter_reason = NULL, lease_owner = NULL, lease_expires_at = NULL";
        _requeueSql = $"UPDATE {s}.deliveries {Requeue} WHERE id = $2 AND (lease_expires_at IS NULL OR lease_expires_at <= $1);";
        _requeueDeadLettersSql = $"UPDATE {s}.deliveries {Requeue} WHERE state = 2 AND subscription_id = $2 AND created_at >= $3 AND created_at < $4;";
        _purgeDeliveriesSql =
            $"""
            DELETE FROM {s}.deliveries WHERE id IN (
                SELECT id FROM {s}.deliveries
                WHERE state <> 0 AND completed_at < $1 AND (state = 1 OR $2)
                LIMIT $3
                FOR UPDATE SKIP LOCKED);
            """;
        _purgeEventsSql =
            $"""
            DELETE FROM {s}.events WHERE event_id IN (
                SELECT e.event_id FROM {s}.events e
                WHERE e.created_at < $1 AND NOT EXISTS (SELECT 1 FROM {s}.deliveries d WHERE d.event_id = e.event_id)
                LIMIT $2
                FOR UPDATE SKIP LOCKED);
            """;
    }

    /// <summary>The options the store was created with.</summary>
    public PostgreSqlWebhookOutboxStoreOptions Options { get; }

    /// <summary>The data source the store connects with (shared by <see cref="PostgreSqlWebhookSubscriptionRecordStore"/>).</summary>
    internal NpgsqlDataSource DataSource => _dataSource;

    /// <summary>The outbox schema (shared by <see cref="PostgreSqlWebhookSubscriptionRecordStore"/>).</summary>
    internal PostgreSqlSchema Schema => _schema;

    /// <summary>The notification channel, or <see langword="null"/> when <see cref="PostgreSqlWebhookOutboxStoreOptions.ListenForNotifications"/> is off.</summary>
    internal PostgreSqlNotificationChannel? Channel { get; }

    /// <summary>
    /// Calls <paramref name="onChange"/> with the tenant id of every managed subscription change announced on the channel
    /// (by any node, this one included), and with <see langword="null"/> when listening starts or starts again after a lost
    /// connection (changes may have been missed). Never calls it with notifications off.
    /// </summary>
    internal IDisposable SubscribeToSubscriptionChanges(Action<string?> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _listener is null ? NoSubscription.Instance : _listener.SubscribeToSubscriptionChanges(onChange);
    }

    /// <summary>
    /// Creates the schema and its tables, or migrates them to the version this package knows, once per store instance.
    /// Safe when several nodes do it at the same time (advisory lock). Every other method calls it first; hosts call it
    /// at start to fail early.
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
            if (!_initialized)
            {
                await PostgreSqlSchemaMigrator.MigrateAsync(_dataSource, _schema, cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<bool> EnqueueAsync(WebhookPreparedEvent preparedEvent, CancellationToken cancellationToken)
    {
        WebhookOutboxStoreSupport.ThrowIfInvalidEvent(preparedEvent);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return await _publishes.EnqueueAsync(preparedEvent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The transactional outbox: stores the prepared event's deliveries inside the host's own transaction, so that the
    /// host's business change and the webhook commit or roll back together. Idempotent by event id like
    /// <see cref="EnqueueAsync(WebhookPreparedEvent, CancellationToken)"/>. When the host commits, the notification sent
    /// with the deliveries wakes the delivery workers of every node, this one included (or, with
    /// <see cref="PostgreSqlWebhookOutboxStoreOptions.ListenForNotifications"/> off, they find the deliveries on their next
    /// poll); nothing is delivered, and nobody woken, when the host rolls back.
    /// </summary>
    /// <param name="preparedEvent">The event made by <see cref="IWebhookPublisher.PrepareAsync"/>.</param>
    /// <param name="transaction">The host's open transaction (its connection must reach the database of this store).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when stored; <see langword="false"/> when the event id was already enqueued.</returns>
    public async Task<bool> EnqueueAsync(WebhookPreparedEvent preparedEvent, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        WebhookOutboxStoreSupport.ThrowIfInvalidEvent(preparedEvent);
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = transaction.Connection ?? throw new ArgumentException("The transaction has completed.", nameof(transaction));
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_enqueueSql, connection, transaction);
        var stored = await ExecuteEnqueueAsync(command, [preparedEvent], string.Empty, cancellationToken).ConfigureAwait(false);
        return stored[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookDeliveryRecord>> LeaseDueAsync(string owner, DateTimeOffset now, int batchSize, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        WebhookOutboxStoreSupport.ThrowIfInvalidLease(owner, batchSize, leaseDuration);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(_leaseSql);
        command.Parameters.Add(Time(now));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
        command.Parameters.Add(Text(owner));
        command.Parameters.Add(Time(now + leaseDuration));
        var leased = new List<WebhookDeliveryRecord>(Math.Min(batchSize, LeaseCapacityHint));
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                leased.Add(ReadDelivery(reader));
            }
        }

        WebhookOutboxStoreSupport.SortLeased(leased);
        return leased;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<bool>> FinishAttemptsAsync(IReadOnlyList<WebhookAttemptOutcome> outcomes, CancellationToken cancellationToken)
    {
        WebhookOutboxStoreSupport.ThrowIfInvalidOutcomes(outcomes);
        var n = outcomes.Count;
        var applied = new bool[n];
        if (n == 0)
        {
            return applied;
        }

        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var deliveryIds = new string[n];
        var attemptIds = new string?[n];
        var numbers = new int[n];
        var started = new DateTimeOffset[n];
        var durations = new long[n];
        var statuses = new int?[n];
        var errors = new short[n];
        var bodies = new string?[n];
        var owners = new string[n];
        var states = new short[n];
        var ats = new DateTimeOffset[n];
        var reasons = new short?[n];
        var ordinals = new int[n];
        for (var i = 0; i < n; i++)
        {
            var outcome = outcomes[i];
            deliveryIds[i] = outcome.DeliveryId;
            if (outcome.Attempt is { } attempt)
            {
                attemptIds[i] = attempt.AttemptId;
                numbers[i] = attempt.AttemptNumber;
                started[i] = Utc(attempt.StartedAt);
                durations[i] = attempt.Duration.Ticks;
                statuses[i] = attempt.StatusCode;
                errors[i] = (short)attempt.ErrorKind;
                bodies[i] = attempt.ResponseBody;
            }
            else
            {
                // No attempt (a deferral, a release, a dead letter without an attempt): attempt_id null, the rest unused.
                started[i] = Utc(outcome.At);
            }

            owners[i] = outcome.LeaseOwner;
            (states[i], reasons[i]) = outcome.Resolution switch
            {
                WebhookAttemptResolution.Succeeded => ((short)WebhookDeliveryState.Succeeded, (short?)null),
                WebhookAttemptResolution.DeadLettered => ((short)WebhookDeliveryState.DeadLettered, (short)(outcome.DeadLetterReason ?? WebhookDeadLetterReason.RetriesExhausted)),
                _ => ((short)WebhookDeliveryState.Pending, null),
            };
            ats[i] = Utc(outcome.At);
            ordinals[i] = i;
        }

        await using var command = _dataSource.CreateCommand(_finishAttemptsSql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string[]> { TypedValue = deliveryIds });
        p.Add(new NpgsqlParameter<string?[]> { TypedValue = attemptIds });
        p.Add(new NpgsqlParameter<int[]> { TypedValue = numbers });
        p.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = started });
        p.Add(new NpgsqlParameter<long[]> { TypedValue = durations });
        p.Add(new NpgsqlParameter<int?[]> { TypedValue = statuses });
        p.Add(new NpgsqlParameter<short[]> { TypedValue = errors });
        p.Add(new NpgsqlParameter<string?[]> { TypedValue = bodies });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = owners });
        p.Add(new NpgsqlParameter<short[]> { TypedValue = states });
        p.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = ats });
        p.Add(new NpgsqlParameter<short?[]> { TypedValue = reasons });
        p.Add(new NpgsqlParameter<int[]> { TypedValue = ordinals });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            applied[reader.GetInt32(0)] = reader.GetBoolean(1);
        }

        return applied;
    }

    /// <inheritdoc />
    public async Task<WebhookDeliveryRecord?> GetDeliveryAsync(string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand($"{_selectDeliveries} WHERE id = $1;");
        command.Parameters.Add(Text(deliveryId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadDelivery(reader) : null;
    }

    /// <inheritdoc />
    public async Task<WebhookDeliveryPage> QueryDeliveriesAsync(WebhookDeliveryQuery query, CancellationToken cancellationToken)
    {
        WebhookOutboxStoreSupport.ThrowIfInvalidQuery(query);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand();
        var sql = new StringBuilder(_selectDeliveries).Append(" WHERE true");
        if (query.EventId is { } eventId)
        {
            Filter(command, sql, "event_id = ", Text(eventId));
        }

        if (query.SubscriptionId is { } subscriptionId)
        {
            Filter(command, sql, "subscription_id = ", Text(subscriptionId));
        }

        if (query.TenantId is { } tenantId)
        {
            Filter(command, sql, "tenant_id = ", Text(tenantId));
        }

        if (query.State is { } state)
        {
            Filter(command, sql, "state = ", new NpgsqlParameter<short> { TypedValue = (short)state });
        }

        if (query.CreatedFrom is { } from)
        {
            Filter(command, sql, "created_at >= ", Time(from));
        }

        if (query.CreatedBefore is { } before)
        {
            Filter(command, sql, "created_at < ", Time(before));
        }

        if (query.After is { } after)
        {
            Filter(command, sql, "id > ", Text(after));
        }

        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit + 1 });
        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY id LIMIT ${command.Parameters.Count};");
        command.CommandText = sql.ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await WebhookOutboxStoreSupport.ReadDeliveryPageAsync(reader, query.Limit, ReadDelivery, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookDeliveryAttempt>> GetAttemptsAsync(string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(
            $"SELECT {AttemptColumns} FROM {_schema.Quoted}.attempts WHERE delivery_id = $1 ORDER BY started_at, attempt_number, seq;");
        command.Parameters.Add(Text(deliveryId));
        var attempts = new List<WebhookDeliveryAttempt>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            attempts.Add(ReadAttempt(reader));
        }

        return attempts;
    }

    /// <inheritdoc />
    public async Task<bool> RequeueAsync(string deliveryId, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(_requeueSql);
        command.Parameters.Add(Time(nextAttemptAt));
        command.Parameters.Add(Text(deliveryId));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<int> RequeueDeadLettersAsync(string subscriptionId, DateTimeOffset createdFrom, DateTimeOffset createdBefore, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(_requeueDeadLettersSql);
        command.Parameters.Add(Time(nextAttemptAt));
        command.Parameters.Add(Text(subscriptionId));
        command.Parameters.Add(Time(createdFrom));
        command.Parameters.Add(Time(createdBefore));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Deletes in chunks of a few thousand rows, one short statement each; rows another node is purging are skipped.</remarks>
    public async Task<int> PurgeAsync(DateTimeOffset completedBefore, bool includeDeadLetters, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var total = 0;
        int deleted;
        do
        {
            await using var command = _dataSource.CreateCommand(_purgeDeliveriesSql);
            command.Parameters.Add(Time(completedBefore));
            command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = includeDeadLetters });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PurgeChunk });
            deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == PurgeChunk);

        do
        {
            await using var command = _dataSource.CreateCommand(_purgeEventsSql);
            command.Parameters.Add(Time(completedBefore));
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PurgeChunk });
            deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        while (deleted == PurgeChunk);

        return total;
    }

    /// <inheritdoc />
    public async Task<WebhookDeliveryStatistics> GetStatisticsAsync(WebhookDeliveryStatisticsQuery query, CancellationToken cancellationToken)
    {
        WebhookOutboxStoreSupport.ThrowIfInvalidStatisticsQuery(query);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return await _statistics.ReadAsync(_dataSource, query, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<WebhookQueueDepth> GetQueueDepthAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(
            $"""
            SELECT count(*), count(*) FILTER (WHERE next_attempt_at <= $1 AND (lease_expires_at IS NULL OR lease_expires_at <= $1))
            FROM {_schema.Quoted}.deliveries WHERE state = 0;
            """);
        command.Parameters.Add(Time(now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new WebhookQueueDepth(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <inheritdoc />
    public async Task<WebhookSubscriptionHealth> RecordSubscriptionOutcomeAsync(string subscriptionId, bool succeeded, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var s = _schema.Quoted;
        await using var command = _dataSource.CreateCommand(succeeded
            ? $"""
               INSERT INTO {s}.subscription_health AS h (subscription_id, last_success_at, failing_since) VALUES ($1, $2, NULL)
               ON CONFLICT (subscription_id) DO UPDATE SET last_success_at = excluded.last_success_at, failing_since = NULL
               RETURNING h.last_success_at, h.failing_since;
               """
            : $"""
               INSERT INTO {s}.subscription_health AS h (subscription_id, last_success_at, failing_since) VALUES ($1, NULL, $2)
               ON CONFLICT (subscription_id) DO UPDATE SET failing_since = coalesce(h.failing_since, excluded.failing_since)
               RETURNING h.last_success_at, h.failing_since;
               """);
        command.Parameters.Add(Text(subscriptionId));
        command.Parameters.Add(Time(at));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new WebhookSubscriptionHealth(subscriptionId,
            reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0),
            reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>
    /// Listens on the schema's notification channel (one connection of the data source, from the first subscription
    /// until the last is disposed) and calls <paramref name="wake"/> whenever another node stored deliveries, or a host
    /// transaction that stored deliveries committed. With <see cref="PostgreSqlWebhookOutboxStoreOptions.ListenForNotifications"/>
    /// off, it never calls <paramref name="wake"/>. The delivery worker subscribes while it runs.
    /// </summary>
    /// <param name="wake">Called on the listener's thread; returns at once and does not throw.</param>
    /// <returns>The subscription; disposing it stops listening when it was the last one.</returns>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public IDisposable Subscribe(Action wake)
    {
        ArgumentNullException.ThrowIfNull(wake);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _listener is null ? NoSubscription.Instance : _listener.Subscribe(wake);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }

        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _listener?.Dispose();
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }

    /// <summary>Whether the connection string sets the keyword (under either spelling), so that its value is the host's choice.</summary>
    private static bool Mentions(string connectionString, string keyword, string synonym)
    {
        var parsed = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return parsed.ContainsKey(keyword) || parsed.ContainsKey(synonym);
    }

    private static NpgsqlDataSource CreateDataSource(PostgreSqlWebhookOutboxStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        PostgreSqlWebhookOutboxStoreOptionsValidator.ThrowIfInvalid(options, requireConnectionString: true);
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            // The store runs the same few statements all the time: let Npgsql prepare them.
            builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!Mentions(options.ConnectionString!, "No Reset On Close", "NoResetOnClose"))
        {
            // The store leaves no session state behind on its connections (transaction-local settings and advisory locks,
            // UNLISTEN before the listener's connection goes back): skip the reset statements Npgsql would otherwise send
            // with the first command after every return to the pool.
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        return builder.Build();
    }

    /// <summary>
    /// Writes a batch of publishes (see <see cref="PostgreSqlPublishBatcher"/>) in one statement of its own, which
    /// notifies the other nodes when <paramref name="notify"/> says so.
    /// </summary>
    private async Task<bool[]> WritePublishesAsync(IReadOnlyList<WebhookPreparedEvent> events, bool notify, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_enqueueSql);
        return await ExecuteEnqueueAsync(command, events, notify ? _ownPayload : null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Announces deliveries stored by batches that did not notify (a notification of this node's own, in a statement of its own).</summary>
    private async Task NotifyAsync()
    {
        await using var command = _dataSource.CreateCommand(_notifySql);
        command.Parameters.Add(Text(_ownPayload));
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Runs the enqueue statement for <paramref name="events"/> (distinct event ids); returns per event whether it was stored.</summary>
    private async Task<bool[]> ExecuteEnqueueAsync(NpgsqlCommand command, IReadOnlyList<WebhookPreparedEvent> events, string? notificationPayload, CancellationToken cancellationToken)
    {
        AddEnqueueParameters(command.Parameters, events, notificationPayload);
        var stored = new bool[events.Count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var eventId = reader.GetString(0);
            for (var i = 0; i < events.Count; i++)
            {
                if (string.Equals(events[i].EventId, eventId, StringComparison.Ordinal))
                {
                    stored[i] = true;
                    break;
                }
            }
        }

        return stored;
    }

    /// <summary>The enqueue statement's parameters for a batch of events: one array per column, the deliveries of all events together.</summary>
    private void AddEnqueueParameters(NpgsqlParameterCollection p, IReadOnlyList<WebhookPreparedEvent> events, string? notificationPayload)
    {
        var eventIdColumn = new string[events.Count];
        var tenantIdColumn = new string[events.Count];
        var eventTypeColumn = new string[events.Count];
        var createdAtColumn = new DateTimeOffset[events.Count];
        var n = 0;
        for (var e = 0; e < events.Count; e++)
        {
            var prepared = events[e];
            eventIdColumn[e] = prepared.EventId;
            tenantIdColumn[e] = prepared.TenantId;
            eventTypeColumn[e] = prepared.EventType;
            createdAtColumn[e] = Utc(prepared.CreatedAt);
            n += prepared.Deliveries.Count;
        }

        var ids = new string[n];
        var eventIds = new string[n];
        var subscriptionIds = new string[n];
        var tenantIds = new string[n];
        var eventTypes = new string[n];
        var endpoints = new string[n];
        var bodies = new byte[n][];
        var states = new short[n];
        var attemptCounts = new int[n];
        var nextAttempts = new DateTimeOffset[n];
        var leaseOwners = new string?[n];
        var leaseExpires = new DateTimeOffset?[n];
        var createdAts = new DateTimeOffset[n];
        var completedAts = new DateTimeOffset?[n];
        var lastAttemptAts = new DateTimeOffset?[n];
        var lastStatuses = new int?[n];
        var lastErrors = new short[n];
        var reasons = new short?[n];
        var i = 0;
        foreach (var prepared in events)
        {
            foreach (var d in prepared.Deliveries)
            {
                ids[i] = d.Id;
                eventIds[i] = d.EventId;
                subscriptionIds[i] = d.SubscriptionId;
                tenantIds[i] = d.TenantId;
                eventTypes[i] = d.EventType;
                endpoints[i] = d.EndpointUrl.OriginalString;
                bodies[i] = MemoryMarshal.TryGetArray(d.Body, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                    ? segment.Array
                    : d.Body.ToArray();
                states[i] = (short)d.State;
                attemptCounts[i] = d.AttemptCount;
                nextAttempts[i] = Utc(d.NextAttemptAt);
                leaseOwners[i] = d.LeaseOwner;
                leaseExpires[i] = Utc(d.LeaseExpiresAt);
                createdAts[i] = Utc(d.CreatedAt);
                completedAts[i] = Utc(d.CompletedAt);
                lastAttemptAts[i] = Utc(d.LastAttemptAt);
                lastStatuses[i] = d.LastStatusCode;
                lastErrors[i] = (short)d.LastErrorKind;
                reasons[i] = d.DeadLetterReason is { } r ? (short)r : null;
                i++;
            }
        }

        p.Add(new NpgsqlParameter<string[]> { TypedValue = eventIdColumn });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = tenantIdColumn });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = eventTypeColumn });
        p.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = createdAtColumn });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = ids });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = eventIds });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = subscriptionIds });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = tenantIds });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = eventTypes });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = endpoints });
        p.Add(new NpgsqlParameter<byte[][]> { TypedValue = bodies });
        p.Add(new NpgsqlParameter<short[]> { TypedValue = states });
        p.Add(new NpgsqlParameter<int[]> { TypedValue = attemptCounts });
        p.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = nextAttempts });
        p.Add(new NpgsqlParameter<string?[]> { TypedValue = leaseOwners });
        p.Add(new NpgsqlParameter<DateTimeOffset?[]> { TypedValue = leaseExpires });
        p.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = createdAts });
        p.Add(new NpgsqlParameter<DateTimeOffset?[]> { TypedValue = completedAts });
        p.Add(new NpgsqlParameter<DateTimeOffset?[]> { TypedValue = lastAttemptAts });
        p.Add(new NpgsqlParameter<int?[]> { TypedValue = lastStatuses });
        p.Add(new NpgsqlParameter<short[]> { TypedValue = lastErrors });
        p.Add(new NpgsqlParameter<short?[]> { TypedValue = reasons });
        if (_listener is not null)
        {
            // No payload: the statement does not notify (the batcher announces the deliveries later).
            p.Add(new NpgsqlParameter<string?> { TypedValue = notificationPayload, NpgsqlDbType = NpgsqlDbType.Text });
        }
    }

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value };

    private static NpgsqlParameter<DateTimeOffset> Time(DateTimeOffset value) => new() { TypedValue = Utc(value) };

    private static void Filter(NpgsqlCommand command, StringBuilder sql, string condition, NpgsqlParameter parameter)
    {
        command.Parameters.Add(parameter);
        sql.Append(" AND ").Append(condition).Append('$').Append(command.Parameters.Count.ToString(CultureInfo.InvariantCulture));
    }
}
