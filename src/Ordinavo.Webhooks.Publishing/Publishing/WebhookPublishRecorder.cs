using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ordinavo.Webhooks.Contracts.Diagnostics;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Counts, logs and signals every enqueue: those of <see cref="WebhookPublisher"/> and those made in the host's own
/// transaction (<see cref="IWebhookPublishRecorder"/>).
/// </summary>
internal sealed class WebhookPublishRecorder(
    WebhookPublisherTelemetry telemetry,
    DeliverySignal signal,
    ILoggerFactory? loggerFactory = null) : IWebhookPublishRecorder
{
    private readonly ILogger _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Ordinavo.Webhooks.Publishing.Publisher");

    // Event types already warned about: a publish that reaches nobody is counted every time and logged once per type.
    private readonly ConcurrentDictionary<string, bool> _unmatchedWarned = new(StringComparer.Ordinal);

    public WebhookPublishResult Record(WebhookPreparedEvent preparedEvent, bool stored, bool wakeWorker)
    {
        ArgumentNullException.ThrowIfNull(preparedEvent);
        var count = stored ? preparedEvent.Deliveries.Count : 0;
        if (stored)
        {
            var tag = new KeyValuePair<string, object?>(WebhookTelemetryTags.EventType, preparedEvent.EventType);
            telemetry.Published.Add(1, tag);
            if (count == 0)
            {
                telemetry.Unmatched.Add(1, tag);
                if (_unmatchedWarned.TryAdd(preparedEvent.EventType, true))
                {
                    Log.Unmatched(_logger, preparedEvent.EventType, preparedEvent.TenantId);
                }
            }
            else
            {
                telemetry.Enqueued.Add(count, tag);
                if (wakeWorker)
                {
                    signal.Notify();
                }
            }
        }

        Log.Published(_logger, preparedEvent.EventId, preparedEvent.EventType, count, !stored);
        return new WebhookPublishResult(preparedEvent.EventId, count, !stored);
    }
}
