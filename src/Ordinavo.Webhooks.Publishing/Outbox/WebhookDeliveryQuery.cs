using System;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// A filter for <see cref="IWebhookDeliveryMonitor.QueryDeliveriesAsync"/>. Every criterion that is set must match. Results come
/// ordered by <see cref="WebhookDeliveryRecord.Id"/> (creation order); page with <see cref="After"/>.
/// </summary>
public sealed record WebhookDeliveryQuery
{
    /// <summary>Only deliveries of this event.</summary>
    public string? EventId { get; init; }

    /// <summary>Only deliveries to this subscription.</summary>
    public string? SubscriptionId { get; init; }

    /// <summary>Only deliveries of this tenant.</summary>
    public string? TenantId { get; init; }

    /// <summary>Only deliveries in this state.</summary>
    public WebhookDeliveryState? State { get; init; }

    /// <summary>Only deliveries created at or after this time.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only deliveries created before this time (exclusive).</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>Only deliveries whose id is greater than this one: the <see cref="WebhookDeliveryPage.NextAfter"/> of the previous page.</summary>
    public string? After { get; init; }

    /// <summary>The page size, 1 to 1000 (default 100).</summary>
    public int Limit { get; init; } = 100;
}
