using System;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>
/// An inbox whose begin and complete enclose one unit of work (for example one database transaction) that also keeps
/// the ordering help: the handled mark, the newest handled <c>occurredAt</c> of the event's entity and whatever the
/// handlers write commit together or not at all.
/// </summary>
/// <remarks>
/// When the registered inbox implements this interface, the receiver begins with
/// <see cref="TryBeginAsync(WebhookInboxEntry, TimeSpan, CancellationToken)"/>, takes
/// <see cref="WebhookInboxBeginResult.LatestHandledOccurredAt"/> as the handler's ordering help and does not use the
/// <see cref="IWebhookOrderingStore"/> for the event: <see cref="IWebhookInbox.CompleteAsync"/> records both the mark
/// and the entity's newest <c>occurredAt</c>, <see cref="IWebhookInbox.ReleaseAsync"/> undoes both.
/// </remarks>
public interface IWebhookTransactionalInbox : IWebhookInbox
{
    /// <summary>
    /// Starts handling the event as <see cref="IWebhookInbox.TryBeginAsync(string, TimeSpan, CancellationToken)"/> does,
    /// and, for a new event about an entity, reads the entity's newest handled <c>occurredAt</c> (returned in
    /// <see cref="WebhookInboxBeginResult.LatestHandledOccurredAt"/>) and records this event's in the same unit of work.
    /// </summary>
    /// <param name="entry">The event's id, <c>occurredAt</c> and entity.</param>
    /// <param name="leaseDuration">How long the lease blocks other requests if it is never completed or released.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<WebhookInboxBeginResult> TryBeginAsync(WebhookInboxEntry entry, TimeSpan leaseDuration, CancellationToken cancellationToken);
}
