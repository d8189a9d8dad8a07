using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// The worker seam of the outbox: what the publisher and the delivery worker need. Deliveries are enqueued, leased by
/// delivery workers, finished after attempts, deferred, dead-lettered and purged; the worker reads the queue depth and
/// records subscription health. Implementations must be safe for concurrent use by several workers (and, for durable
/// stores, several processes).
/// </summary>
/// <remarks>
/// <para>
/// Operators' reads and requeues go through the second seam, <see cref="IWebhookDeliveryMonitor"/>; a store implements
/// both over the same data (the store packages register one instance as both). The conformance suite
/// <c>WebhookOutboxStoreConformanceTests</c> in the <c>Ordinavo.Webhooks.Publishing.Testing</c> package defines the
/// behaviour of both seams exactly.
/// </para>
/// <para>
/// The state-changing methods that a worker calls after an attempt (<see cref="RescheduleAsync"/>,
/// <see cref="CompleteAsync"/>, <see cref="DeadLetterAsync"/>) are guarded by the lease owner: they change the delivery
/// only while it is <see cref="WebhookDeliveryState.Pending"/> and <see cref="WebhookDeliveryRecord.LeaseOwner"/> equals
/// the caller's owner id, and return <see langword="false"/> otherwise (for example when the caller's lease expired and
/// another worker leased the delivery since).
/// </para>
/// </remarks>
public interface IWebhookOutboxStore
{
    /// <summary>
    /// Stores an event's deliveries atomically (all or none). Idempotent by <see cref="WebhookPreparedEvent.EventId"/>:
    /// when the event id was enqueued before (even with other or no deliveries), nothing is stored.
    /// An event with no deliveries is remembered as well, so that a later enqueue of the same id is still a duplicate.
    /// </summary>
    /// <returns><see langword="true"/> when stored; <see langword="false"/> when the event id was already enqueued.</returns>
    Task<bool> EnqueueAsync(WebhookPreparedEvent preparedEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="batchSize"/> due deliveries for <paramref name="owner"/>: those
    /// <see cref="WebhookDeliveryState.Pending"/> with <see cref="WebhookDeliveryRecord.NextAttemptAt"/> at or before
    /// <paramref name="now"/> and no lease, or a lease that expired at or before <paramref name="now"/>; oldest
    /// <see cref="WebhookDeliveryRecord.NextAttemptAt"/> first (then by id). Each returned delivery has
    /// <see cref="WebhookDeliveryRecord.LeaseOwner"/> = <paramref name="owner"/> and
    /// <see cref="WebhookDeliveryRecord.LeaseExpiresAt"/> = <paramref name="now"/> + <paramref name="leaseDuration"/>;
    /// no other call returns it until that time has passed.
    /// </summary>
    Task<IReadOnlyList<WebhookDeliveryRecord>> LeaseDueAsync(string owner, DateTimeOffset now, int batchSize, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>
    /// Appends an attempt to the delivery's history and updates the delivery's summary:
    /// <see cref="WebhookDeliveryRecord.AttemptCount"/> = the larger of its value and <see cref="WebhookDeliveryAttempt.AttemptNumber"/>,
    /// <see cref="WebhookDeliveryRecord.LastAttemptAt"/>, <see cref="WebhookDeliveryRecord.LastStatusCode"/> and
    /// <see cref="WebhookDeliveryRecord.LastErrorKind"/> from the attempt. Not lease-guarded: an attempt that happened is recorded.
    /// </summary>
    /// <returns><see langword="false"/> when the delivery does not exist.</returns>
    Task<bool> RecordAttemptAsync(WebhookDeliveryAttempt attempt, CancellationToken cancellationToken);

    /// <summary>
    /// Releases the lease and sets <see cref="WebhookDeliveryRecord.NextAttemptAt"/> (after a failed attempt, or to
    /// defer a delivery whose endpoint is busy). Lease-guarded.
    /// </summary>
    Task<bool> RescheduleAsync(string deliveryId, string leaseOwner, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>Marks the delivery <see cref="WebhookDeliveryState.Succeeded"/> at <paramref name="completedAt"/> and releases the lease. Lease-guarded.</summary>
    Task<bool> CompleteAsync(string deliveryId, string leaseOwner, DateTimeOffset completedAt, CancellationToken cancellationToken);

    /// <summary>Marks the delivery <see cref="WebhookDeliveryState.DeadLettered"/> at <paramref name="deadLetteredAt"/> with a reason and releases the lease. Lease-guarded.</summary>
    Task<bool> DeadLetterAsync(string deliveryId, string leaseOwner, DateTimeOffset deadLetteredAt, WebhookDeadLetterReason reason, CancellationToken cancellationToken);

    /// <summary>
    /// Records a batch of finished attempts in one unit of work per batch (one transaction, or one round trip): for each
    /// outcome, as <see cref="RecordAttemptAsync"/> and then, lease-guarded, as <see cref="RescheduleAsync"/>,
    /// <see cref="CompleteAsync"/> or <see cref="DeadLetterAsync"/> by <see cref="WebhookAttemptOutcome.Resolution"/>.
    /// The delivery worker groups the outcomes of attempts that finish close together into one call (group commit).
    /// </summary>
    /// <remarks>
    /// The default implementation calls those methods one by one; durable stores override it so that a batch costs one
    /// transaction instead of two or three per attempt.
    /// </remarks>
    /// <param name="outcomes">The outcomes, at most a few hundred.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Per outcome, in order, whether the new state was applied (<see langword="false"/>: the lease was lost or the delivery is gone).</returns>
    async Task<IReadOnlyList<bool>> FinishAttemptsAsync(IReadOnlyList<WebhookAttemptOutcome> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var applied = new bool[outcomes.Count];
        for (var i = 0; i < outcomes.Count; i++)
        {
            var outcome = outcomes[i];
            var attempt = outcome.Attempt;
            await RecordAttemptAsync(attempt, cancellationToken).ConfigureAwait(false);
            applied[i] = outcome.Resolution switch
            {
                WebhookAttemptResolution.Succeeded => await CompleteAsync(attempt.DeliveryId, outcome.LeaseOwner, outcome.At, cancellationToken).ConfigureAwait(false),
                WebhookAttemptResolution.DeadLettered => await DeadLetterAsync(attempt.DeliveryId, outcome.LeaseOwner, outcome.At, outcome.DeadLetterReason ?? WebhookDeadLetterReason.RetriesExhausted, cancellationToken).ConfigureAwait(false),
                _ => await RescheduleAsync(attempt.DeliveryId, outcome.LeaseOwner, outcome.At, cancellationToken).ConfigureAwait(false),
            };
        }

        return applied;
    }

    /// <summary>
    /// Deletes <see cref="WebhookDeliveryState.Succeeded"/> deliveries completed before <paramref name="completedBefore"/>,
    /// and with <paramref name="includeDeadLetters"/> also dead-lettered ones completed before it, with their attempts;
    /// and forgets enqueued event ids created before it that have no delivery left. Pending deliveries are never purged.
    /// </summary>
    /// <returns>How many deliveries were deleted.</returns>
    Task<int> PurgeAsync(DateTimeOffset completedBefore, bool includeDeadLetters, CancellationToken cancellationToken);

    /// <summary>Counts pending and due deliveries at <paramref name="now"/> (the queue depth gauge).</summary>
    Task<WebhookQueueDepth> GetQueueDepthAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Records the outcome of an attempt for a subscription's health: a success sets
    /// <see cref="WebhookSubscriptionHealth.LastSuccessAt"/> and clears <see cref="WebhookSubscriptionHealth.FailingSince"/>;
    /// a failure sets <see cref="WebhookSubscriptionHealth.FailingSince"/> when it is not set. Returns the health after the update.
    /// </summary>
    Task<WebhookSubscriptionHealth> RecordSubscriptionOutcomeAsync(string subscriptionId, bool succeeded, DateTimeOffset at, CancellationToken cancellationToken);
}
