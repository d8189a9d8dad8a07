using System;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>The counts of one bucket of a <see cref="WebhookSubscriptionDeliveryStatistics"/> (same meaning as its window totals).</summary>
/// <param name="Start">The start of the bucket (inclusive); it ends at <paramref name="Start"/> + <see cref="WebhookDeliveryStatistics.BucketSize"/> (exclusive).</param>
/// <param name="Delivered">Deliveries that succeeded in the bucket.</param>
/// <param name="Failed">Pending deliveries whose last attempt failed in the bucket.</param>
/// <param name="DeadLettered">Deliveries dead-lettered in the bucket.</param>
public readonly record struct WebhookDeliveryStatisticsBucket(DateTimeOffset Start, long Delivered, long Failed, long DeadLettered);
