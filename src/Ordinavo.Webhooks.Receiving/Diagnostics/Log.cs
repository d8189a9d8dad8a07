using System;
using Microsoft.Extensions.Logging;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>Source-generated log messages. They carry ids, types and reasons only: never secrets, signatures or bodies.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Webhook request rejected by the {Receiver}: {Reason} ({StatusCode}), event {EventId}.")]
    public static partial void Rejected(ILogger logger, string receiver, string reason, int statusCode, string eventId);

    [LoggerMessage(11, LogLevel.Warning, "Webhook request rejected by the {Receiver}: its signed timestamp is {Seconds} s {Direction} this machine's clock, beyond the tolerance of {ToleranceSeconds} s. Check that both clocks are synchronized (NTP); a request replayed later is refused the same way.")]
    public static partial void StaleTimestamp(ILogger logger, string receiver, long seconds, string direction, long toleranceSeconds);

    [LoggerMessage(12, LogLevel.Warning, "The {Receiver} has no handler: every event is answered 200 'unhandled' and nothing processes it. Register handlers with AddHandler<THandler, TEvent>(...).")]
    public static partial void NoHandlers(ILogger logger, string receiver);

    [LoggerMessage(13, LogLevel.Information, "Test event {EventId} (webhook.test) received by the {Receiver}: the signature is valid; answered 200.")]
    public static partial void TestEvent(ILogger logger, string eventId, string receiver);

    [LoggerMessage(2, LogLevel.Information, "Webhook event {EventId} ({EventType}) handled by the {Receiver}, delivery attempt {Attempt}.")]
    public static partial void Handled(ILogger logger, string eventId, string eventType, string receiver, string attempt);

    [LoggerMessage(3, LogLevel.Information, "Webhook event {EventId} ({EventType}) is a duplicate for the {Receiver}: {Status}.")]
    public static partial void Duplicate(ILogger logger, string eventId, string eventType, string receiver, WebhookInboxStatus status);

    [LoggerMessage(4, LogLevel.Information, "Webhook event {EventId} of type {EventType} has no handler in the {Receiver}; answered 200 'unhandled' and not processed (logged at most once a minute per type; the metric ordinavo.webhook.unhandled counts every one).")]
    public static partial void Unhandled(ILogger logger, string eventId, string eventType, string receiver);

    [LoggerMessage(5, LogLevel.Error, "A handler failed for webhook event {EventId} ({EventType}) in the {Receiver}; the event was released for the publisher's retry.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string eventId, string eventType, string receiver);

    [LoggerMessage(6, LogLevel.Error, "The webhook inbox or ordering store failed for event {EventId} in the {Receiver}.")]
    public static partial void StoreFailed(ILogger logger, Exception exception, string eventId, string receiver);

    [LoggerMessage(7, LogLevel.Debug, "Webhook event {EventId} ({EventType}) is older than the latest handled event about {Entity} ({LatestHandled:O}).")]
    public static partial void Stale(ILogger logger, string eventId, string eventType, string entity, DateTimeOffset latestHandled);

    [LoggerMessage(8, LogLevel.Information, "Handling webhook event {EventId} was canceled in the {Receiver}; the event was released.")]
    public static partial void Canceled(ILogger logger, string eventId, string receiver);

    [LoggerMessage(9, LogLevel.Information, "The {Receiver} took new options ({SecretCount} secrets).")]
    public static partial void Reloaded(ILogger logger, string receiver, int secretCount);

    [LoggerMessage(10, LogLevel.Error, "The {Receiver} kept its current options: the new ones have an unusable secret ({Reason}).")]
    public static partial void ReloadRejected(ILogger logger, string receiver, WebhookSecretErrorReason reason);

    [LoggerMessage(14, LogLevel.Warning, "The webhook receive observer {Observer} failed for event {EventId} in the {Receiver}; the answer is unchanged.")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string observer, string eventId, string receiver);
}
