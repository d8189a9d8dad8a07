using System;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>
/// The deduplication seam: remembers which events were handled, and leases an event to the one request that handles
/// it right now. Implement it on your own database to keep the inbox in the same store as your business data.
/// </summary>
/// <remarks>
/// The receiver calls <see cref="TryBeginAsync"/> before it runs the handlers, then <see cref="CompleteAsync"/> when
/// they succeeded or <see cref="ReleaseAsync"/> when one failed (so the publisher's retry is handled again). A lease
/// that is neither completed nor released (the process crashed) expires after its duration, after which the event
/// can be begun again.
/// </remarks>
public interface IWebhookInbox
{
    /// <summary>
    /// Starts handling <paramref name="eventId"/>: returns <see cref="WebhookInboxStatus.New"/> with a lease when no
    /// one handled it and no unexpired lease exists, <see cref="WebhookInboxStatus.AlreadyHandled"/> when it was
    /// completed before, and <see cref="WebhookInboxStatus.InProgress"/> when another request holds a live lease.
    /// </summary>
    /// <param name="eventId">The event's id (<c>evt_</c> + ULID).</param>
    /// <param name="leaseDuration">How long the lease blocks other requests if it is never completed or released.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<WebhookInboxBeginResult> TryBeginAsync(string eventId, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>Marks the leased event as handled: later requests with its id get <see cref="WebhookInboxStatus.AlreadyHandled"/>.</summary>
    /// <param name="lease">The lease returned by <see cref="TryBeginAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask CompleteAsync(WebhookInboxLease lease, CancellationToken cancellationToken);

    /// <summary>Gives the leased event up without marking it handled, so the next delivery attempt handles it again.</summary>
    /// <param name="lease">The lease returned by <see cref="TryBeginAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask ReleaseAsync(WebhookInboxLease lease, CancellationToken cancellationToken);
}
