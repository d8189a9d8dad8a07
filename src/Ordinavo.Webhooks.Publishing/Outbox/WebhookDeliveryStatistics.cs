using System;
using System.Collections.Generic;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>The answer of <see cref="IWebhookDeliveryMonitor.GetStatisticsAsync"/>: one tenant's deliveries counted per subscription.</summary>
/// <param name="TenantId">The tenant (<see cref="WebhookDeliveryStatisticsQuery.TenantId"/>).</param>
/// <param name="From">The start of the window (inclusive).</param>
/// <param name="Before">The end of the window (exclusive).</param>
/// <param name="BucketSize">The bucket size; bucket <c>i</c> covers [<paramref name="From"/> + i * size, <paramref name="From"/> + (i + 1) * size).</param>
/// <param name="Subscriptions">
/// Per subscription, ordered by id (ordinal): the ids of <see cref="WebhookDeliveryStatisticsQuery.SubscriptionIds"/>, or
/// every subscription of the tenant with a pending delivery or an outcome in the window.
/// </param>
/// <param name="IsTruncated">
/// Whether a count reached <see cref="WebhookDeliveryStatisticsQuery.MaxCountedDeliveries"/>: the counts are then lower
/// bounds (show them as "N+"). The window's outcomes are read newest first, so the latest buckets stay exact longest.
/// </param>
public sealed record WebhookDeliveryStatistics(
    string TenantId,
    DateTimeOffset From,
    DateTimeOffset Before,
    TimeSpan BucketSize,
    IReadOnlyList<WebhookSubscriptionDeliveryStatistics> Subscriptions,
    bool IsTruncated);
