namespace Ordinavo.Webhooks.Publishing;

/// <summary>The outcome of a test event sent to a subscription.</summary>
/// <param name="EventId">The test event's id.</param>
/// <param name="Attempt">The attempt (its <see cref="WebhookDeliveryAttempt.DeliveryId"/> is the event id; nothing is stored).</param>
public sealed record WebhookTestDeliveryResult(string EventId, WebhookDeliveryAttempt Attempt)
{
    /// <summary>Whether the endpoint answered 2xx.</summary>
    public bool Succeeded => Attempt.Succeeded;
}
