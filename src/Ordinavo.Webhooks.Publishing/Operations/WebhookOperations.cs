using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Contracts.Serialization;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// The <see cref="IWebhookOperations"/> over the outbox's query and operations seam (reads, requeues and purge), the
/// subscription store and the sender.
/// </summary>
internal sealed class WebhookOperations(
    IWebhookDeliveryMonitor monitor,
    IWebhookSubscriptionStore subscriptions,
    WebhookSender sender,
    TimeProvider timeProvider,
    DeliverySignal signal) : IWebhookOperations
{
    /// <summary>The event type of test events (unknown to receivers, which answer 2xx and ignore it).</summary>
    public const string TestEventType = "webhook.test";

    public async Task<bool> RedeliverAsync(string eventId, string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        var page = await monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = eventId, SubscriptionId = subscriptionId, Limit = 1 }, cancellationToken).ConfigureAwait(false);
        if (page.Items.Count == 0)
        {
            return false;
        }

        var requeued = await monitor.RequeueAsync(page.Items[0].Id, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (requeued)
        {
            signal.Notify();
        }

        return requeued;
    }

    public async Task<int> RedeliverDeadLettersAsync(string subscriptionId, DateTimeOffset createdFrom, DateTimeOffset createdBefore, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        var count = await monitor.RequeueDeadLettersAsync(subscriptionId, createdFrom, createdBefore, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (count > 0)
        {
            signal.Notify();
        }

        return count;
    }

    public async Task<WebhookTestDeliveryResult> SendTestEventAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        var subscription = await subscriptions.GetAsync(subscriptionId, cancellationToken).ConfigureAwait(false)
            ?? throw new WebhookPublishingException(WebhookPublishingErrorReason.SubscriptionNotFound, $"Subscription '{subscriptionId}' does not exist.");
        var now = timeProvider.GetUtcNow();
        var eventId = WebhookIdentifiers.NewEventId(now);
        var body = WebhookEventSerializer.SerializeToUtf8Bytes(new WebhookEvent
        {
            EventId = eventId,
            EventType = WebhookEventType.Parse(TestEventType),
            OccurredAt = now,
            TenantId = subscription.TenantId,
        });
        var result = await sender.SendAsync(subscription, eventId, eventId, TestEventType, body, 1, cancellationToken).ConfigureAwait(false);
        return new WebhookTestDeliveryResult(eventId, result.Attempt);
    }

    public Task<WebhookDeliveryPage> GetDeliveriesAsync(WebhookDeliveryQuery query, CancellationToken cancellationToken) =>
        monitor.QueryDeliveriesAsync(query, cancellationToken);

    public Task<WebhookDeliveryRecord?> GetDeliveryAsync(string deliveryId, CancellationToken cancellationToken) =>
        monitor.GetDeliveryAsync(deliveryId, cancellationToken);

    public Task<IReadOnlyList<WebhookDeliveryAttempt>> GetAttemptsAsync(string deliveryId, CancellationToken cancellationToken) =>
        monitor.GetAttemptsAsync(deliveryId, cancellationToken);

    public Task<int> PurgeAsync(DateTimeOffset completedBefore, bool includeDeadLetters, CancellationToken cancellationToken) =>
        monitor.PurgeAsync(completedBefore, includeDeadLetters, cancellationToken);
}
