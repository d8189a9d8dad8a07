using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// The worker seam of the outbox: what the publisher and the delivery worker need, and nothing more. Deliveries are
/// enqueued (idempotent by event id), leased by delivery workers and finished in batches; the worker also records a
/// subscription's health when it changes. Implementations must be safe for concurrent use by several workers (and, for
/// durable stores, several processes).
/// </summary>
/// <remarks>
/// <para>
/// Operators' reads, requeues, the queue depth and the retention purge go through the second seam,
/// <see cref="IWebhookDeliveryMonitor"/>; a store implements both over the same data (the store packages register one
/// instance as both). The conformance suite <c>WebhookOutboxStoreConformanceTests</c> in the
/// <c>Ordinavo.Webhooks.Publishing.Testing</c> package defines the behaviour of both seams exactly.
/// </para>
/// <para>
/// Every state change a worker makes goes through <see cref="FinishAttemptsAsync"/> and is guarded by the lease owner:
/// it changes the delivery only while it is <see cref="WebhookDeliveryState.Pending"/> and
/// <see cref="WebhookDeliveryRecord.LeaseOwner"/> equals the caller's owner id (for example, not when the caller's lease
/// expired and another worker leased the delivery since).
/// </para>
/// </remarks>
public interface IWebhookOutboxStore
{
    /// <summary>
    /// Stores an event's deliveries atomically (all or none). Idempotent by <see cref="WebhookPreparedEvent.EventId"/>:
    /// when the event id was enqueued before (even with other or no deliveries), nothing is stored.
    /// An event with no deliveries is remembered as well, so that a later enqueue of the same id is still a duplicate.
    /// The call returns once the deliveries are durable as far as the store promises (a durable store: committed).
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
    /// Finishes a batch of leased deliveries in one unit of work (one transaction, or one round trip). For each outcome:
    /// <list type="bullet">
    /// <item>with an <see cref="WebhookAttemptOutcome.Attempt"/>, appends it to the delivery's history and updates the
    /// delivery's summary (<see cref="WebhookDeliveryRecord.AttemptCount"/> = the larger of its value and
    /// <see cref="WebhookDeliveryAttempt.AttemptNumber"/>; <see cref="WebhookDeliveryRecord.LastAttemptAt"/>,
    /// <see cref="WebhookDeliveryRecord.LastStatusCode"/> and <see cref="WebhookDeliveryRecord.LastErrorKind"/> from the
    /// attempt), whatever happened to the lease: an attempt that happened is recorded;</item>
    /// <item>then, only while <see cref="WebhookAttemptOutcome.LeaseOwner"/> still holds the delivery (state
    /// <see cref="WebhookDeliveryState.Pending"/>, that lease owner), applies <see cref="WebhookAttemptOutcome.Resolution"/>
    /// and releases the lease: <see cref="WebhookAttemptResolution.Rescheduled"/> sets
    /// <see cref="WebhookDeliveryRecord.NextAttemptAt"/> to <see cref="WebhookAttemptOutcome.At"/>;
    /// <see cref="WebhookAttemptResolution.Succeeded"/> and <see cref="WebhookAttemptResolution.DeadLettered"/> set the
    /// state and <see cref="WebhookDeliveryRecord.CompletedAt"/> (and the dead-letter reason).</item>
    /// </list>
    /// Unknown deliveries are skipped. The delivery worker groups the outcomes of attempts that finish close together into
    /// one call (group commit); deferrals and releases are outcomes without an attempt.
    /// </summary>
    /// <param name="outcomes">The outcomes, at most a few hundred, each delivery at most once (check them with
    /// <see cref="WebhookOutboxStoreSupport.ThrowIfInvalidOutcomes"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Per outcome, in order, whether the new state was applied (<see langword="false"/>: the lease was lost or the delivery is gone).</returns>
    Task<IReadOnlyList<bool>> FinishAttemptsAsync(IReadOnlyList<WebhookAttemptOutcome> outcomes, CancellationToken cancellationToken);

    /// <summary>
    /// Records the outcome of an attempt for a subscription's health: a success sets
    /// <see cref="WebhookSubscriptionHealth.LastSuccessAt"/> and clears <see cref="WebhookSubscriptionHealth.FailingSince"/>;
    /// a failure sets <see cref="WebhookSubscriptionHealth.FailingSince"/> when it is not set. Returns the health after the update.
    /// The delivery worker calls it only when a subscription's health changes, not on every attempt.
    /// </summary>
    Task<WebhookSubscriptionHealth> RecordSubscriptionOutcomeAsync(string subscriptionId, bool succeeded, DateTimeOffset at, CancellationToken cancellationToken);
}
