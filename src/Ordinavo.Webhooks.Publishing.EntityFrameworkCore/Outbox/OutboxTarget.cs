using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing.EntityFrameworkCore.Outbox;

/// <summary>A durable outbox store checked against a <c>DbContext</c>'s connection: it can enqueue in that connection's transactions.</summary>
internal abstract class OutboxTarget
{
    /// <summary>Creates or migrates the store's schema (never while a transaction of the context is open).</summary>
    public abstract Task EnsureSchemaAsync(CancellationToken cancellationToken);

    /// <summary>Enqueues in <paramref name="transaction"/> (a transaction of the checked connection).</summary>
    /// <returns><see langword="true"/> when stored; <see langword="false"/> when the event id was already enqueued.</returns>
    public abstract Task<bool> EnqueueAsync(WebhookPreparedEvent preparedEvent, DbTransaction transaction, CancellationToken cancellationToken);
}
