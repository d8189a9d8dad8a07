using System.Collections.Generic;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// One subscription's deliveries in a <see cref="WebhookDeliveryStatistics"/>. Each delivery counts at most once in the
/// window, by its current state: <see cref="Delivered"/> + <see cref="Failed"/> + <see cref="DeadLettered"/> is the number of
/// deliveries with an outcome in the window (a delivery that failed twice and then succeeded in it is one delivered).
/// </summary>
public sealed record WebhookSubscriptionDeliveryStatistics
{
    /// <summary>The subscription.</summary>
    public required string SubscriptionId { get; init; }

    /// <summary>Deliveries in <see cref="WebhookDeliveryState.Pending"/> now (due, scheduled later or leased), whenever created.</summary>
    public long Pending { get; init; }

    /// <summary>Pending deliveries due at <see cref="WebhookDeliveryStatisticsQuery.Now"/> that no live lease holds.</summary>
    public long Due { get; init; }

    /// <summary><see cref="WebhookDeliveryState.Succeeded"/> deliveries completed in the window (by <see cref="WebhookDeliveryRecord.CompletedAt"/>).</summary>
    public long Delivered { get; init; }

    /// <summary>
    /// Deliveries failing and waiting for a retry: <see cref="WebhookDeliveryState.Pending"/>, with their last attempt in the
    /// window (by <see cref="WebhookDeliveryRecord.LastAttemptAt"/>) and that attempt failed
    /// (<see cref="WebhookDeliveryRecord.LastErrorKind"/> other than <see cref="WebhookDeliveryErrorKind.None"/>).
    /// Failed attempts of deliveries that later succeeded or were dead-lettered are not counted here.
    /// </summary>
    public long Failed { get; init; }

    /// <summary><see cref="WebhookDeliveryState.DeadLettered"/> deliveries dead-lettered in the window (by <see cref="WebhookDeliveryRecord.CompletedAt"/>).</summary>
    public long DeadLettered { get; init; }

    /// <summary>The window's counts per bucket, oldest first; always <see cref="WebhookDeliveryStatisticsQuery.BucketCount"/> entries.</summary>
    public required IReadOnlyList<WebhookDeliveryStatisticsBucket> Buckets { get; init; }

    /// <summary>
    /// The subscription's delivery health as the store keeps it (<see cref="IWebhookOutboxStore.RecordSubscriptionOutcomeAsync"/>),
    /// or <see langword="null"/> when no attempt outcome was recorded for it. Kept per subscription id, not per tenant.
    /// </summary>
    public WebhookSubscriptionHealth? Health { get; init; }
}
