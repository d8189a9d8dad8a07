using System;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Testing;

/// <summary>One event a <see cref="RecordingWebhookHandler"/> saw.</summary>
public sealed class RecordedWebhookEvent
{
    /// <summary>The event id.</summary>
    public required string EventId { get; init; }

    /// <summary>The event type.</summary>
    public required WebhookEventType EventType { get; init; }

    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The receiver that verified it (empty for the default receiver).</summary>
    public required string ReceiverName { get; init; }

    /// <summary>The delivery attempt header's value, when sent.</summary>
    public int? DeliveryAttempt { get; init; }

    /// <summary>The body as received.</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }
}
