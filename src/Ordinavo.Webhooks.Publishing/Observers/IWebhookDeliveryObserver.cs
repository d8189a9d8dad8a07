using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Tells the host what happens to deliveries and subscriptions. Register implementations with
/// <c>AddObserver&lt;T&gt;()</c> on the publisher builder; every registered observer is called, failures are logged and
/// do not affect delivery. Derive from <see cref="WebhookDeliveryObserver"/> to handle only some callbacks.
/// </summary>
public interface IWebhookDeliveryObserver
{
    /// <summary>A delivery succeeded (a 2xx answer).</summary>
    Task OnDeliverySucceededAsync(WebhookDeliveryNotification notification, CancellationToken cancellationToken);

    /// <summary>An attempt failed and the delivery is rescheduled (see <see cref="WebhookDeliveryNotification.NextAttemptAt"/>).</summary>
    Task OnDeliveryFailingAsync(WebhookDeliveryNotification notification, CancellationToken cancellationToken);

    /// <summary>A delivery was dead-lettered (see <see cref="WebhookDeliveryNotification.DeadLetterReason"/>).</summary>
    Task OnDeliveryDeadLetteredAsync(WebhookDeliveryNotification notification, CancellationToken cancellationToken);

    /// <summary>A subscription was disabled (410 Gone, or failing too long).</summary>
    Task OnSubscriptionDisabledAsync(WebhookSubscriptionDisabledNotification notification, CancellationToken cancellationToken);
}
