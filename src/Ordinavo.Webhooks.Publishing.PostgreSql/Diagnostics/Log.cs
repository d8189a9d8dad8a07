using System;
using Microsoft.Extensions.Logging;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Diagnostics;

/// <summary>The store's log messages (source-generated). They name counts, times and the schema, never bodies or connection strings.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Webhook outbox (PostgreSQL) ready: schema \"{Schema}\" at version {Version}.")]
    public static partial void SchemaReady(ILogger logger, string schema, int version);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Webhook outbox (PostgreSQL) schema \"{Schema}\": listening for publishes of other nodes on channel \"{Channel}\".")]
    public static partial void Listening(ILogger logger, string schema, string channel);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Webhook outbox (PostgreSQL) schema \"{Schema}\": the notification listener's connection failed; reconnecting in {DelaySeconds} s. Until then the delivery worker finds other nodes' publishes by polling.")]
    public static partial void ListenerConnectionLost(ILogger logger, string schema, double delaySeconds, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Webhook outbox (PostgreSQL) schema \"{Schema}\": listening on channel \"{Channel}\" again.")]
    public static partial void ListeningAgain(ILogger logger, string schema, string channel);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Webhook outbox (PostgreSQL) schema \"{Schema}\": the notification announcing this node's latest publishes failed. The other nodes find them by polling.")]
    public static partial void NotificationFailed(ILogger logger, string schema, Exception exception);
}
