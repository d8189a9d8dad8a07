using Ordinavo.Webhooks.Receiving;
using Ordinavo.Webhooks.Samples;

namespace Ordinavo.Webhooks.Samples.Receiver;

/// <summary>
/// The common part of the sample handlers: skip stale updates, then log what the ERP would do. A real handler writes
/// its business change and the eventId in one database transaction, so a redelivered event is a no-op.
/// </summary>
internal abstract partial class ErpHandler(ILogger logger) : IWebhookHandler
{
    public Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken)
    {
        // A status update older than one already handled is skipped (deliveries may arrive out of order);
        // reports of problems and follow-ups are never stale, each one is news.
        if (context.IsStale && !context.EventType.Value.EndsWith("problem_reported", StringComparison.Ordinal) &&
            !context.EventType.Value.Contains("follow_up", StringComparison.Ordinal))
        {
            LogStale(logger, context.EventType.Value, context.EventId, context.DeliveryAttempt ?? 1, context.LatestHandledOccurredAt);
            return Task.CompletedTask;
        }

        var action = ErpActions.Describe(context.Event);
        LogAction(logger, context.EventType.Value, context.EventId, context.DeliveryAttempt ?? 1, action);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{EventType} {EventId} (attempt {Attempt}): ERP {Action}")]
    private static partial void LogAction(ILogger logger, string eventType, string eventId, int attempt, string action);

    [LoggerMessage(Level = LogLevel.Information, Message = "{EventType} {EventId} (attempt {Attempt}): skipped, a newer event about the same entity was already handled ({Latest:o})")]
    private static partial void LogStale(ILogger logger, string eventType, string eventId, int attempt, DateTimeOffset? latest);
}
