using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// The query and operations seam of the outbox: what operators (and <see cref="IWebhookOperations"/>) need to look at
/// deliveries and their attempts, to make deliveries due again and to purge old ones; the delivery worker's
/// housekeeping (queue depth gauge, retention purge) uses it too. The delivery path (enqueue, lease, finish) never does.
/// </summary>
/// <remarks>
/// A store implements this seam and <see cref="IWebhookOutboxStore"/> (the worker seam) over the same data; the store
/// packages register one instance as both. The split follows the job, not the storage: a store for another database can
/// implement both on one class or on two classes over the same tables. The conformance suite
/// <c>WebhookOutboxStoreConformanceTests</c> in the <c>Ordinavo.Webhooks.Publishing.Testing</c> package tests both.
/// </remarks>
public interface IWebhookDeliveryMonitor
{
    /// <summary>One delivery by id, or <see langword="null"/>.</summary>
    Task<WebhookDeliveryRecord?> GetDeliveryAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>Deliveries matching <paramref name="query"/>, ordered by id, one page at a time.</summary>
    Task<WebhookDeliveryPage> QueryDeliveriesAsync(WebhookDeliveryQuery query, CancellationToken cancellationToken);

    /// <summary>The attempts of one delivery, oldest first (empty when none or the delivery is unknown).</summary>
    Task<IReadOnlyList<WebhookDeliveryAttempt>> GetAttemptsAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>Counts pending and due deliveries at <paramref name="now"/> (the queue depth gauge).</summary>
    Task<WebhookQueueDepth> GetQueueDepthAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes <see cref="WebhookDeliveryState.Succeeded"/> deliveries completed before <paramref name="completedBefore"/>,
    /// and with <paramref name="includeDeadLetters"/> also dead-lettered ones completed before it, with their attempts;
    /// and forgets enqueued event ids created before it that have no delivery left. Pending deliveries are never purged.
    /// The delivery worker's retention and <see cref="IWebhookOperations.PurgeAsync"/> call it.
    /// </summary>
    /// <returns>How many deliveries were deleted.</returns>
    Task<int> PurgeAsync(DateTimeOffset completedBefore, bool includeDeadLetters, CancellationToken cancellationToken);

    /// <summary>
    /// Makes one delivery due again at <paramref name="nextAttemptAt"/>, whatever its state (succeeded, dead-lettered or
    /// pending): state <see cref="WebhookDeliveryState.Pending"/>, <see cref="WebhookDeliveryRecord.AttemptCount"/> 0
    /// (a fresh retry schedule; the attempt history is kept), no completion time, no dead-letter reason.
    /// Refused while a live lease holds it (a lease expiring after <paramref name="nextAttemptAt"/>).
    /// </summary>
    /// <returns><see langword="false"/> when the delivery does not exist or is leased.</returns>
    Task<bool> RequeueAsync(string deliveryId, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>
    /// Requeues (as <see cref="RequeueAsync"/>) every <see cref="WebhookDeliveryState.DeadLettered"/> delivery of a
    /// subscription created in [<paramref name="createdFrom"/>, <paramref name="createdBefore"/>).
    /// </summary>
    /// <returns>How many deliveries were requeued.</returns>
    Task<int> RequeueDeadLettersAsync(string subscriptionId, DateTimeOffset createdFrom, DateTimeOffset createdBefore, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one tenant's deliveries per subscription: the queue depth (pending, due at
    /// <see cref="WebhookDeliveryStatisticsQuery.Now"/>), and the deliveries delivered, failing and dead-lettered in the
    /// window [<see cref="WebhookDeliveryStatisticsQuery.From"/>, <see cref="WebhookDeliveryStatisticsQuery.Before"/>), in
    /// total and per bucket; with each subscription's stored health. The meaning of each count is on
    /// <see cref="WebhookSubscriptionDeliveryStatistics"/>.
    /// </summary>
    /// <remarks>
    /// Bounded: a store reads at most <see cref="WebhookDeliveryStatisticsQuery.MaxCountedDeliveries"/> pending deliveries
    /// and at most as many deliveries with an outcome in the window (newest first), through indexes on the tenant, so
    /// its cost does not grow with the deliveries stored outside the window; when a limit is reached the counts are lower
    /// bounds and <see cref="WebhookDeliveryStatistics.IsTruncated"/> is set. Build the answer with
    /// <see cref="WebhookDeliveryStatisticsBuilder"/>.
    /// </remarks>
    /// <exception cref="System.ArgumentException">The query is not acceptable (see <see cref="WebhookOutboxStoreSupport.ThrowIfInvalidStatisticsQuery"/>).</exception>
    Task<WebhookDeliveryStatistics> GetStatisticsAsync(WebhookDeliveryStatisticsQuery query, CancellationToken cancellationToken);
}
