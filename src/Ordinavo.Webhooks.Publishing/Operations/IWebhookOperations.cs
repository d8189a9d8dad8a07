using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>Operations for the host's admin surface: redeliver, send a test event, look at deliveries and attempts.</summary>
public interface IWebhookOperations
{
    /// <summary>Delivers an event to a subscription again, now, whatever happened before (succeeded, dead-lettered, pending).</summary>
    /// <returns><see langword="false"/> when no such delivery exists or it is being attempted right now.</returns>
    Task<bool> RedeliverAsync(string eventId, string subscriptionId, CancellationToken cancellationToken);

    /// <summary>Delivers again, now, every dead-lettered delivery of a subscription created in [<paramref name="createdFrom"/>, <paramref name="createdBefore"/>).</summary>
    /// <returns>How many deliveries were requeued.</returns>
    Task<int> RedeliverDeadLettersAsync(string subscriptionId, DateTimeOffset createdFrom, DateTimeOffset createdBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a signed test event (type <c>webhook.test</c>, no sections) to a subscription at once, outside the outbox,
    /// with the same headers, signature, destination checks and timeout as a real attempt. Works for disabled
    /// subscriptions too (to check an endpoint before enabling it).
    /// </summary>
    /// <exception cref="WebhookPublishingException">The subscription does not exist (<see cref="WebhookPublishingErrorReason.SubscriptionNotFound"/>).</exception>
    Task<WebhookTestDeliveryResult> SendTestEventAsync(string subscriptionId, CancellationToken cancellationToken);

    /// <summary>Deliveries matching a query, one page at a time.</summary>
    Task<WebhookDeliveryPage> GetDeliveriesAsync(WebhookDeliveryQuery query, CancellationToken cancellationToken);

    /// <summary>One delivery, or <see langword="null"/>.</summary>
    Task<WebhookDeliveryRecord?> GetDeliveryAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>The attempts of a delivery, oldest first.</summary>
    Task<IReadOnlyList<WebhookDeliveryAttempt>> GetAttemptsAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>Deletes completed deliveries older than <paramref name="completedBefore"/> (dead letters only with <paramref name="includeDeadLetters"/>).</summary>
    /// <returns>How many deliveries were deleted.</returns>
    Task<int> PurgeAsync(DateTimeOffset completedBefore, bool includeDeadLetters, CancellationToken cancellationToken);
}
