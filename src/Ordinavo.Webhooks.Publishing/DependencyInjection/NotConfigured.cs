using System;
using Ordinavo.Webhooks.Publishing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Placeholders that explain what is missing when a required store was not chosen.</summary>
internal static class NotConfigured
{
    public static IWebhookOutboxStore OutboxStore(IServiceProvider services) =>
        throw new WebhookPublishingException(
            WebhookPublishingErrorReason.NotConfigured,
            "No webhook outbox store is configured: call UseInMemoryStore(), UseSqliteStore(...), UsePostgreSqlStore(...) or UseStore(...) on the builder returned by AddOrdinavoWebhookPublisher().");

    public static IWebhookDeliveryMonitor DeliveryMonitor(IServiceProvider services) =>
        throw new WebhookPublishingException(
            WebhookPublishingErrorReason.NotConfigured,
            "No webhook outbox store is configured for operations (IWebhookDeliveryMonitor): call UseInMemoryStore(), UseSqliteStore(...), UsePostgreSqlStore(...) or UseStore(...) on the builder returned by AddOrdinavoWebhookPublisher().");

    public static IWebhookSubscriptionStore SubscriptionStore(IServiceProvider services) =>
        throw new WebhookPublishingException(
            WebhookPublishingErrorReason.NotConfigured,
            "No webhook subscription store is configured: call UseInMemorySubscriptions(), UseSubscriptionsFromConfiguration(...) or UseSubscriptionStore<T>() on the builder returned by AddOrdinavoWebhookPublisher().");
}
