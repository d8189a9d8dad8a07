using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>What an <see cref="IWebhookReceiveObserver"/> is told about one verified event.</summary>
public sealed class WebhookReceiveObservation
{
    internal WebhookReceiveObservation(string receiverName, WebhookReceiveResult result, string? deliveryId, int? deliveryAttempt)
    {
        ReceiverName = receiverName;
        Result = result;
        DeliveryId = deliveryId;
        DeliveryAttempt = deliveryAttempt;
    }

    /// <summary>The name of the receiver that verified the event (empty for the default receiver).</summary>
    public string ReceiverName { get; }

    /// <summary>
    /// The answer: <see cref="WebhookReceiveResult.Outcome"/> (<see cref="WebhookReceiveOutcome.Handled"/>,
    /// <see cref="WebhookReceiveOutcome.Unhandled"/>, <see cref="WebhookReceiveOutcome.Duplicate"/>,
    /// <see cref="WebhookReceiveOutcome.HandlerFailed"/>, ...), with the event's id and type always set.
    /// </summary>
    public WebhookReceiveResult Result { get; }

    /// <summary>The event's id (<c>evt_</c> + ULID).</summary>
    public string EventId => Result.EventId!;

    /// <summary>The event's type.</summary>
    public WebhookEventType EventType => Result.EventType!.Value;

    /// <summary>What became of the event.</summary>
    public WebhookReceiveOutcome Outcome => Result.Outcome;

    /// <summary>The <c>X-Ordinavo-Delivery-Id</c> of this attempt, when the request carried one.</summary>
    public string? DeliveryId { get; }

    /// <summary>The <c>X-Ordinavo-Delivery-Attempt</c> (1, 2, ...), when the request carried one.</summary>
    public int? DeliveryAttempt { get; }

    /// <inheritdoc />
    public override string ToString() => ReceiverName.Length == 0 ? Result.ToString() : $"{Result} ({ReceiverName})";
}
