using System;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>
/// The ordering seam: remembers, per entity, the newest <c>occurredAt</c> of an event that was handled, so that a
/// handler can tell a stale event (delivered late, after a newer one about the same entity) from a current one.
/// </summary>
public interface IWebhookOrderingStore
{
    /// <summary>The newest <c>occurredAt</c> handled for <paramref name="entity"/>, or <see langword="null"/> when none is known.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<DateTimeOffset?> GetLatestHandledAsync(WebhookEntityKey entity, CancellationToken cancellationToken);

    /// <summary>Records that an event about <paramref name="entity"/> that occurred at <paramref name="occurredAt"/> was handled (keeps the maximum).</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="occurredAt">The handled event's <c>occurredAt</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask RecordHandledAsync(WebhookEntityKey entity, DateTimeOffset occurredAt, CancellationToken cancellationToken);
}
