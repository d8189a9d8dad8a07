using System;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// One event to one subscription in the outbox: the body built at publish time (sent byte-identical on every attempt),
/// where it goes, and its delivery state. Stores persist every property and return them unchanged.
/// </summary>
public sealed class WebhookDeliveryRecord
{
    /// <summary>The store key: a 26-character ULID made at publish time (sortable by creation). Not sent on the wire.</summary>
    public required string Id { get; init; }

    /// <summary>The event id (<c>evt_</c> + ULID), the same for every subscription of the event.</summary>
    public required string EventId { get; init; }

    /// <summary>The subscription the delivery goes to.</summary>
    public required string SubscriptionId { get; init; }

    /// <summary>The tenant of the event and the subscription.</summary>
    public required string TenantId { get; init; }

    /// <summary>The event type (for example <c>visit_report.approved</c>).</summary>
    public required string EventType { get; init; }

    /// <summary>The subscription's endpoint when the event was published (the attempt uses the subscription's current endpoint).</summary>
    public required Uri EndpointUrl { get; init; }

    /// <summary>The UTF-8 JSON body for this subscription, built at publish time. Never logged.</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The delivery state.</summary>
    public WebhookDeliveryState State { get; init; }

    /// <summary>How many attempts were made (0 before the first).</summary>
    public int AttemptCount { get; init; }

    /// <summary>When the next attempt is due (meaningful while <see cref="State"/> is <see cref="WebhookDeliveryState.Pending"/>).</summary>
    public DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>The worker holding the lease, or <see langword="null"/>.</summary>
    public string? LeaseOwner { get; init; }

    /// <summary>When the lease runs out, or <see langword="null"/>.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary>When the delivery was enqueued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it succeeded or was dead-lettered, or <see langword="null"/> while pending.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>When the last attempt started, or <see langword="null"/>.</summary>
    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>The HTTP status of the last attempt, when it got one.</summary>
    public int? LastStatusCode { get; init; }

    /// <summary>The error kind of the last attempt (<see cref="WebhookDeliveryErrorKind.None"/> when it succeeded or none was made).</summary>
    public WebhookDeliveryErrorKind LastErrorKind { get; init; }

    /// <summary>Why the delivery was dead-lettered, when <see cref="State"/> is <see cref="WebhookDeliveryState.DeadLettered"/>.</summary>
    public WebhookDeadLetterReason? DeadLetterReason { get; init; }

    /// <summary>A summary without the body: id, event, subscription, state, attempts.</summary>
    public override string ToString() =>
        $"Delivery {Id} (event {EventId}, subscription {SubscriptionId}, {State}, {AttemptCount} attempt(s))";
}
