using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Receiving;

namespace Ordinavo.Webhooks.Testing;

/// <summary>One verified event a receiver got, and what became of it (recorded by <c>services.AddOrdinavoWebhookRecording()</c>).</summary>
public sealed class RecordedWebhookEvent
{
    /// <summary>The event id.</summary>
    public required string EventId { get; init; }

    /// <summary>The event type.</summary>
    public required WebhookEventType EventType { get; init; }

    /// <summary>
    /// What the receiver did with it: <see cref="WebhookReceiveOutcome.Handled"/> when the application's handlers ran and
    /// completed, <see cref="WebhookReceiveOutcome.Unhandled"/> when no handler takes its type,
    /// <see cref="WebhookReceiveOutcome.Duplicate"/>, <see cref="WebhookReceiveOutcome.HandlerFailed"/>, ...
    /// </summary>
    public required WebhookReceiveOutcome Outcome { get; init; }

    /// <summary>The receiver that verified it (empty for the default receiver).</summary>
    public required string ReceiverName { get; init; }

    /// <summary>The delivery attempt header's value, when sent.</summary>
    public int? DeliveryAttempt { get; init; }

    /// <summary>The event id, type and outcome.</summary>
    public override string ToString() => $"{EventId} ({EventType}): {WebhookReceiveResult.CodeOf(Outcome)}";
}
