using System.Collections.Concurrent;

namespace Ordinavo.Webhooks.Publishing.Tests.Support;

/// <summary>Records every observer callback.</summary>
public sealed class RecordingObserver : IWebhookDeliveryObserver
{
    public ConcurrentQueue<WebhookDeliveryNotification> Succeeded { get; } = new();

    public ConcurrentQueue<WebhookDeliveryNotification> Failing { get; } = new();

    public ConcurrentQueue<WebhookDeliveryNotification> DeadLettered { get; } = new();

    public ConcurrentQueue<WebhookSubscriptionDisabledNotification> Disabled { get; } = new();

    public Task OnDeliverySucceededAsync(WebhookDeliveryNotification notification, CancellationToken cancellationToken)
    {
        Succeeded.Enqueue(notification);
        return Task.CompletedTask;
    }

    public Task OnDeliveryFailingAsync(WebhookDeliveryNotification notification, CancellationToken cancellationToken)
    {
        Failing.Enqueue(notification);
        return Task.CompletedTask;
    }

    public Task OnDeliveryDeadLetteredAsync(WebhookDeliveryNotification notification, CancellationToken cancellationToken)
    {
        DeadLettered.Enqueue(notification);
        return Task.CompletedTask;
    }

    public Task OnSubscriptionDisabledAsync(WebhookSubscriptionDisabledNotification notification, CancellationToken cancellationToken)
    {
        Disabled.Enqueue(notification);
        return Task.CompletedTask;
    }
}
