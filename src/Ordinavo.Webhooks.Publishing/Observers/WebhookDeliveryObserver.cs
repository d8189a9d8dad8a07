using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>An <see cref="IWebhookDeliveryObserver"/> whose callbacks do nothing; override the ones you need.</summary>
public abstract class WebhookDeliveryObserver : IWebhookDeliveryObserver
{
    /// <inheritdoc />
    public virtual Task OnDeliverySucceededAsync(WebhookDeliveryNotification notification, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task OnDeliveryFailingAsync(WebhookDeliveryNotification notification, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task OnDeliveryDeadLetteredAsync(WebhookDeliveryNotification notification, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task OnSubscriptionDisabledAsync(WebhookSubscriptionDisabledNotification notification, CancellationToken cancellationToken) => Task.CompletedTask;
}
