using System;
using System.Collections.Generic;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// An event made ready for the outbox: the matching subscriptions resolved and each one's body built, nothing stored
/// yet. <see cref="IWebhookPublisher.PrepareAsync"/> makes it; a store enqueues it (<see cref="IWebhookOutboxStore.EnqueueAsync"/>,
/// or inside the host's own database transaction with the durable stores' overloads).
/// </summary>
public sealed class WebhookPreparedEvent
{
    /// <summary>The event id (<c>evt_</c> + ULID): the idempotency key of the enqueue.</summary>
    public required string EventId { get; init; }

    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The event type.</summary>
    public required string EventType { get; init; }

    /// <summary>When the event was prepared (the deliveries' <see cref="WebhookDeliveryRecord.CreatedAt"/>).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>One new <see cref="WebhookDeliveryState.Pending"/> delivery per matching subscription (may be empty).</summary>
    public required IReadOnlyList<WebhookDeliveryRecord> Deliveries { get; init; }

    /// <summary>A summary without bodies.</summary>
    public override string ToString() => $"Prepared event {EventId} ({EventType}, {Deliveries.Count} deliveries)";
}
