using System;
using Microsoft.Extensions.Logging;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>The package's log messages. Never secrets, bodies or full endpoint URLs (only their authority).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Published event {EventId} ({EventType}): {Deliveries} deliveries enqueued, duplicate: {Duplicate}.")]
    public static partial void Published(ILogger logger, string eventId, string eventType, int deliveries, bool duplicate);

    [LoggerMessage(2, LogLevel.Information, "Delivery {DeliveryId} of event {EventId} to subscription {SubscriptionId} succeeded on attempt {Attempt} with status {StatusCode} in {DurationMs} ms.")]
    public static partial void DeliverySucceeded(ILogger logger, string deliveryId, string eventId, string subscriptionId, int attempt, int statusCode, double durationMs);

    [LoggerMessage(3, LogLevel.Information, "Attempt {Attempt} of delivery {DeliveryId} to subscription {SubscriptionId} ({Endpoint}) failed: {ErrorKind}, status {StatusCode}; next attempt at {NextAttemptAt:o}.")]
    public static partial void AttemptFailed(ILogger logger, int attempt, string deliveryId, string subscriptionId, string endpoint, WebhookDeliveryErrorKind errorKind, int? statusCode, DateTimeOffset nextAttemptAt);

    [LoggerMessage(4, LogLevel.Warning, "Delivery {DeliveryId} of event {EventId} to subscription {SubscriptionId} was dead-lettered: {Reason}.")]
    public static partial void DeadLettered(ILogger logger, string deliveryId, string eventId, string subscriptionId, WebhookDeadLetterReason reason);

    [LoggerMessage(5, LogLevel.Warning, "Subscription {SubscriptionId} was disabled: {Reason}.")]
    public static partial void SubscriptionDisabled(ILogger logger, string subscriptionId, WebhookSubscriptionDisabledReason reason);

    [LoggerMessage(6, LogLevel.Warning, "Delivery {DeliveryId}: the lease was lost before its state could be saved; another worker owns it now.")]
    public static partial void LeaseLost(ILogger logger, string deliveryId);

    [LoggerMessage(7, LogLevel.Error, "The outbox store failed during {Operation}.")]
    public static partial void StoreFailed(ILogger logger, string operation, Exception exception);

    [LoggerMessage(8, LogLevel.Error, "A delivery observer failed in {Callback}.")]
    public static partial void ObserverFailed(ILogger logger, string callback, Exception exception);

    [LoggerMessage(9, LogLevel.Information, "Webhook delivery worker {WorkerId} started (max {Global} concurrent attempts, {PerEndpoint} per endpoint).")]
    public static partial void WorkerStarted(ILogger logger, string workerId, int global, int perEndpoint);

    [LoggerMessage(10, LogLevel.Information, "Webhook delivery worker {WorkerId} stopped.")]
    public static partial void WorkerStopped(ILogger logger, string workerId);

    [LoggerMessage(11, LogLevel.Warning, "Attempt {Attempt} of delivery {DeliveryId} to subscription {SubscriptionId} was refused before connecting: {ErrorKind} ({Endpoint}): {Fix}.")]
    public static partial void DestinationRefused(ILogger logger, int attempt, string deliveryId, string subscriptionId, WebhookDeliveryErrorKind errorKind, string endpoint, string fix);

    [LoggerMessage(12, LogLevel.Information, "Purged {Count} completed deliveries older than {Cutoff:o}.")]
    public static partial void Purged(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(13, LogLevel.Error, "Processing delivery {DeliveryId} failed unexpectedly; its lease will run out and it will be attempted again.")]
    public static partial void ProcessingFailed(ILogger logger, string deliveryId, Exception exception);

    [LoggerMessage(14, LogLevel.Error, "The subscription store failed while reading subscription {SubscriptionId}; delivery {DeliveryId} is deferred.")]
    public static partial void SubscriptionStoreFailed(ILogger logger, string subscriptionId, string deliveryId, Exception exception);

    [LoggerMessage(16, LogLevel.Warning, "The configuration section '{Section}' holds no webhook subscription, so no event will be delivered. Check the section name given to UseSubscriptionsFromConfiguration and the configuration's (the documented one is Ordinavo:Webhooks:Subscriptions).")]
    public static partial void NoConfiguredSubscriptions(ILogger logger, string section);

    [LoggerMessage(15, LogLevel.Warning, "Event type {EventType} (first seen for tenant {TenantId}) matched no enabled subscription, so nobody receives it. Check the subscriptions' tenant and event types, or that the subscription source holds any (this is logged once per event type; the metric ordinavo.webhook.publish.unmatched counts every such event).")]
    public static partial void Unmatched(ILogger logger, string eventType, string tenantId);
}
