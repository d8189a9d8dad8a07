using Ordinavo.Webhooks.Receiving;

namespace Ordinavo.Webhooks.Testing;

/// <summary>Writes what the receivers did with each verified event into the <see cref="WebhookEventRecording"/>.</summary>
internal sealed class RecordingWebhookReceiveObserver(WebhookEventRecording recording) : IWebhookReceiveObserver
{
    public void OnReceived(WebhookReceiveObservation observation) =>
        recording.Add(new RecordedWebhookEvent
        {
            EventId = observation.EventId,
            EventType = observation.EventType,
            Outcome = observation.Outcome,
            ReceiverName = observation.ReceiverName,
            DeliveryAttempt = observation.DeliveryAttempt,
        });
}
