using System.Threading;
using System.Threading.Tasks;
using Ordinavo.Webhooks.Receiving;

namespace Ordinavo.Webhooks.Testing;

/// <summary>
/// A handler for tests that records every event it gets in the <see cref="WebhookEventRecording"/> singleton. Added
/// beside the application's own handlers by <c>services.AddOrdinavoWebhookRecording()</c>.
/// </summary>
public sealed class RecordingWebhookHandler(WebhookEventRecording recording) : IWebhookHandler
{
    /// <inheritdoc />
    public Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken)
    {
        recording.Add(new RecordedWebhookEvent
        {
            EventId = context.EventId,
            EventType = context.EventType,
            TenantId = context.TenantId,
            ReceiverName = context.ReceiverName,
            DeliveryAttempt = context.DeliveryAttempt,
            Body = context.Body.ToArray(),
        });
        return Task.CompletedTask;
    }
}
