using System;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>What a handler is told about one event: the event, the delivery it arrived with, and ordering help.</summary>
public sealed class WebhookEventContext
{
    internal WebhookEventContext(
        string receiverName,
        WebhookEvent webhookEvent,
        string? deliveryId,
        int? deliveryAttempt,
        WebhookEntityKey? entity,
        DateTimeOffset? latestHandledOccurredAt,
        IServiceProvider services)
    {
        ReceiverName = receiverName;
        Event = webhookEvent;
        DeliveryId = deliveryId;
        DeliveryAttempt = deliveryAttempt;
        Entity = entity;
        LatestHandledOccurredAt = latestHandledOccurredAt;
        Services = services;
    }

    /// <summary>The name of the receiver that verified the event (empty for the default receiver).</summary>
    public string ReceiverName { get; }

    /// <summary>The parsed event (its signature verified, its eventId matching the header).</summary>
    public WebhookEvent Event { get; }

    /// <summary>The event's id (<c>evt_</c> + ULID), the same on every attempt: your idempotency key.</summary>
    public string EventId => Event.EventId;

    /// <summary>The event's type.</summary>
    public WebhookEventType EventType => Event.EventType;

    /// <summary>The <c>X-Ordinavo-Delivery-Id</c> of this attempt, when the request carried one.</summary>
    public string? DeliveryId { get; }

    /// <summary>The <c>X-Ordinavo-Delivery-Attempt</c> (1, 2, ...), when the request carried one.</summary>
    public int? DeliveryAttempt { get; }

    /// <summary>The entity the event is about (see <see cref="WebhookEntityKey.TryGetFor"/>), when it has one.</summary>
    public WebhookEntityKey? Entity { get; }

    /// <summary>The newest <c>occurredAt</c> of an event about <see cref="Entity"/> that was handled before, if any.</summary>
    public DateTimeOffset? LatestHandledOccurredAt { get; }

    /// <summary>
    /// <see langword="true"/> when an event about the same entity with a later <c>occurredAt</c> was already handled:
    /// this one arrived late (delivery has no global order) and should not overwrite newer state.
    /// </summary>
    public bool IsStale => LatestHandledOccurredAt is { } latest && latest > Event.OccurredAt;

    /// <summary>The DI scope created for this event (the handler itself was resolved from it).</summary>
    public IServiceProvider Services { get; }
}
