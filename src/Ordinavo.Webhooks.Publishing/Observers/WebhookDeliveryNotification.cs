using System;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>What happened to a delivery (no body, no secrets).</summary>
public sealed record WebhookDeliveryNotification
{
    /// <summary>The delivery id (<see cref="WebhookDeliveryRecord.Id"/>).</summary>
    public required string DeliveryId { get; init; }

    /// <summary>The event id.</summary>
    public required string EventId { get; init; }

    /// <summary>The event type.</summary>
    public required string EventType { get; init; }

    /// <summary>The subscription.</summary>
    public required string SubscriptionId { get; init; }

    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The attempt that led here (0 when the delivery was dead-lettered without an attempt).</summary>
    public int AttemptNumber { get; init; }

    /// <summary>The attempt's <c>X-Ordinavo-Delivery-Id</c>, when an attempt was made.</summary>
    public string? AttemptId { get; init; }

    /// <summary>The HTTP status of the attempt, when it got one.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Why the attempt failed, or <see cref="WebhookDeliveryErrorKind.None"/>.</summary>
    public WebhookDeliveryErrorKind ErrorKind { get; init; }

    /// <summary>When the next attempt is due (failing deliveries).</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>Why it was dead-lettered (dead-lettered deliveries).</summary>
    public WebhookDeadLetterReason? DeadLetterReason { get; init; }
}
