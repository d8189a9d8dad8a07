using System;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore;

/// <summary>
/// The durable inbox on the handler's own <see cref="DbContext"/>: begin opens a transaction on the context and writes
/// the handled mark and the entity's ordering help in it; the handlers' <c>SaveChanges</c> run in the same transaction;
/// complete commits all of it, release rolls all of it back. The transaction is the lease: a crashed process's open
/// transaction is rolled back by the database, so the publisher's retry handles the event again.
/// </summary>
/// <typeparam name="TContext">The integrator's context, scoped: the handlers resolve the same instance.</typeparam>
/// <remarks>One instance per event scope; it is also the scope's <see cref="IWebhookOrderingStore"/>.</remarks>
public sealed class EntityFrameworkWebhookInbox<TContext> : IWebhookTransactionalInbox, IWebhookOrderingStore
    where TContext : DbContext
{
    private const string LeaseToken = "transaction";

    private readonly TContext _context;
    private readonly string _receiver;
    private readonly EntityFrameworkWebhookInboxOptions _options;
    private readonly TimeProvider _timeProvider;
    private IDbContextTransaction? _transaction;
    private string? _eventId;

    /// <summary>Creates the inbox of one receiver over the scope's context.</summary>
    /// <param name="context">The scope's context (the handlers' context).</param>
    /// <param name="receiver">The receiver's name.</param>
    /// <param name="options">The inbox options of that receiver.</param>
    /// <param name="timeProvider">The clock of the handled time.</param>
    public EntityFrameworkWebhookInbox(TContext context, string receiver, EntityFrameworkWebhookInboxOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _context = context;
        _receiver = receiver;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public ValueTask<WebhookInboxBeginResult> TryBeginAsync(string eventId, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        TryBeginAsync(new WebhookInboxEntry(eventId, default, Entity: null), leaseDuration, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<WebhookInboxBeginResult> TryBeginAsync(WebhookInboxEntry entry, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry.EventId, nameof(entry));
        if (_transaction is not null)
        {
            throw new InvalidOperationException("This inbox already handles an event; the receiver uses one inbox per event scope.");
        }

        if (_context.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException(
                $"The {typeof(TContext).Name} of the event's scope is already in a transaction; the webhook inbox opens the transaction the handlers run in.");
        }

        var sql = InboxSql.For(_context, _options.AllowOtherProviders);
        _context.Database.AutoSavepointsEnabled = _options.UseSavepoints;
        var transaction = await _context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        WebhookInboxBeginResult result;
        try
        {
            result = sql.Dialect == InboxDialect.Portable
                ? await BeginPortableAsync(entry, cancellationToken).ConfigureAwait(false)
                : await BeginWithSqlAsync(sql, transaction.GetDbTransaction(), entry, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        if (result.Status != WebhookInboxStatus.New)
        {
            // Disposing rolls back what the begin statement wrote (nothing for a duplicate) and gives the connection back.
            await transaction.DisposeAsync().ConfigureAwait(false);
            return result;
        }

        _transaction = transaction;
        _eventId = entry.EventId;
        return result;
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(WebhookInboxLease lease, CancellationToken cancellationToken)
    {
        var transaction = TakeTransaction(lease);
        try
        {
            if (_options.SaveChangesOnComplete && _context.ChangeTracker.HasChanges())
            {
                await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(WebhookInboxLease lease, CancellationToken cancellationToken)
    {
        var transaction = TakeTransaction(lease);
        try
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            _context.ChangeTracker.Clear();
        }
    }

    /// <summary>Reads the newest handled <c>occurredAt</c> of <paramref name="entity"/> (in the open transaction, if any).</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The newest handled <c>occurredAt</c>, or <see langword="null"/>.</returns>
    public async ValueTask<DateTimeOffset?> GetLatestHandledAsync(WebhookEntityKey entity, CancellationToken cancellationToken)
    {
        var latest = await _context.Set<WebhookOrderingRecord>()
            .AsNoTracking()
            .Where(r => r.TenantId == entity.TenantId && r.EntityKind == entity.Kind && r.EntityId == entity.Id)
            .Select(r => (DateTime?)r.LatestOccurredAt)
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        return latest is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
    }

    /// <summary>Records a handled event about <paramref name="entity"/> (keeps the newest), saved with the context's next <c>SaveChanges</c> call of this method.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="occurredAt">The handled event's <c>occurredAt</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the change is saved.</returns>
    public async ValueTask RecordHandledAsync(WebhookEntityKey entity, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        var utc = occurredAt.UtcDateTime;
        var set = _context.Set<WebhookOrderingRecord>();
        var row = await set.FindAsync([entity.TenantId, entity.Kind, entity.Id], cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            set.Add(new WebhookOrderingRecord { TenantId = entity.TenantId, EntityKind = entity.Kind, EntityId = entity.Id, LatestOccurredAt = utc });
        }
        else
        {
            row.PreviousOccurredAt = row.LatestOccurredAt;
            if (utc > row.LatestOccurredAt)
            {
                row.LatestOccurredAt = utc;
            }
        }

        await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<WebhookInboxBeginResult> BeginWithSqlAsync(InboxSql sql, DbTransaction transaction, WebhookInboxEntry entry, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var timeout = _context.Database.GetCommandTimeout();
        if (timeout is { } seconds)
        {
            command.CommandTimeout = seconds;
        }

        command.CommandText = entry.Entity is null ? sql.BeginWithoutEntity : sql.BeginWithEntity;
        Add(command, "receiver", _receiver);
        Add(command, "event_id", entry.EventId);
        command.Parameters.Add(sql.HandledAtMapping.CreateParameter(command, "now", _timeProvider.GetUtcNow().UtcDateTime, nullable: false));
        if (entry.Entity is { } entity)
        {
            Add(command, "tenant", entity.TenantId);
            Add(command, "kind", (int)entity.Kind);
            Add(command, "entity", entity.Id);
            command.Parameters.Add(sql.OccurredAtMapping.CreateParameter(command, "occurred", entry.OccurredAt.UtcDateTime, nullable: false));
        }

        if (sql.Dialect == InboxDialect.PostgreSql)
        {
            // The same statement for every event: Npgsql keeps it prepared on the physical connection, so after the
            // first event on a connection this costs no round trip and saves PostgreSQL parsing and planning it again.
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var lease = new WebhookInboxLease(entry.EventId, LeaseToken, DateTimeOffset.MaxValue);
        if (sql.Dialect == InboxDialect.PostgreSql)
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (!reader.GetBoolean(0))
            {
                return WebhookInboxBeginResult.InProgress;
            }

            return reader.GetInt32(1) == 0 ? WebhookInboxBeginResult.AlreadyHandled : WebhookInboxBeginResult.Begun(lease, ReadTime(reader, 2));
        }

        // SQLite: a row only for a new event.
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? WebhookInboxBeginResult.Begun(lease, ReadTime(reader, 0))
            : WebhookInboxBeginResult.AlreadyHandled;
    }

    private async Task<WebhookInboxBeginResult> BeginPortableAsync(WebhookInboxEntry entry, CancellationToken cancellationToken)
    {
        var marks = _context.Set<WebhookInboxRecord>();
        if (await marks.AsNoTracking().AnyAsync(r => r.Receiver == _receiver && r.EventId == entry.EventId, cancellationToken).ConfigureAwait(false))
        {
            return WebhookInboxBeginResult.AlreadyHandled;
        }

        var mark = new WebhookInboxRecord { Receiver = _receiver, EventId = entry.EventId, HandledAt = _timeProvider.GetUtcNow().UtcDateTime };
        marks.Add(mark);
        DateTimeOffset? latest = null;
        if (entry.Entity is { } entity)
        {
            latest = await GetLatestHandledAsync(entity, cancellationToken).ConfigureAwait(false);
            await RecordHandledAsync(entity, entry.OccurredAt, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return WebhookInboxBeginResult.Begun(new WebhookInboxLease(entry.EventId, LeaseToken, DateTimeOffset.MaxValue), latest);
    }

    private IDbContextTransaction TakeTransaction(WebhookInboxLease lease)
    {
        if (_transaction is not { } transaction || !string.Equals(lease.EventId, _eventId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The lease does not belong to the event this inbox began.");
        }

        _transaction = null;
        _eventId = null;
        return transaction;
    }

    private static DateTimeOffset? ReadTime(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var value = reader.GetValue(ordinal) switch
        {
            DateTime time => time,
            string text => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            var other => Convert.ToDateTime(other, CultureInfo.InvariantCulture),
        };
        return new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc));
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
