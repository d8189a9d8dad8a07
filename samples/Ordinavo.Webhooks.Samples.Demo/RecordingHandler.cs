using Ordinavo.Webhooks.Receiving;

namespace Ordinavo.Webhooks.Samples.Demo;

/// <summary>The demo's handler for every event type: notes what the ERP (or the reporting system) would do.</summary>
internal sealed class RecordingHandler(ReceivedEvents received) : IWebhookHandler
{
    public Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken)
    {
        var action = context.ReceiverName == DemoReceiver.Reporting
            ? $"would add visit report {context.Event.VisitReport?.Id} ({context.Event.VisitReport?.Status}) to the service dashboard"
            : ErpActions.Describe(context.Event);
        received.Record(context.ReceiverName, context.Event, action);
        return Task.CompletedTask;
    }
}
