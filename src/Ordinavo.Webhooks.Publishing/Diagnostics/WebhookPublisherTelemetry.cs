using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Ordinavo.Webhooks.Contracts.Diagnostics;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// The package's <see cref="Meter"/> and <see cref="ActivitySource"/>, both named <c>Ordinavo.Webhooks.Publishing</c>,
/// and the names of its instruments and spans (docs/telemetry.md; attribute keys in <see cref="WebhookTelemetryTags"/>).
/// </summary>
internal sealed class WebhookPublisherTelemetry : IDisposable
{
    /// <summary>The meter's and the activity source's name.</summary>
    public const string Name = "Ordinavo.Webhooks.Publishing";

    /// <summary>The producer span of one publish.</summary>
    public const string PublishSpan = "webhook publish";

    /// <summary>The client span of one delivery attempt.</summary>
    public const string DeliverSpan = "webhook deliver";

    public const string PublishedInstrument = "ordinavo.webhook.published";
    public const string UnmatchedInstrument = "ordinavo.webhook.publish.unmatched";
    public const string EnqueuedInstrument = "ordinavo.webhook.delivery.enqueued";
    public const string SucceededInstrument = "ordinavo.webhook.delivery.succeeded";
    public const string DeadLetteredInstrument = "ordinavo.webhook.delivery.dead_lettered";
    public const string FailedInstrument = "ordinavo.webhook.attempt.failed";
    public const string AttemptDurationInstrument = "ordinavo.webhook.attempt.duration";
    public const string QueueDepthInstrument = "ordinavo.webhook.queue.depth";

    private readonly bool _ownsMeter;
    private WebhookQueueDepth _queueDepth;

    public WebhookPublisherTelemetry(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        Meter = meterFactory?.Create(Name) ?? new Meter(Name);
        Published = Meter.CreateCounter<long>(PublishedInstrument, "{event}", "Events published (not counting duplicates).");
        Unmatched = Meter.CreateCounter<long>(UnmatchedInstrument, "{event}", "Events published that matched no enabled subscription (nobody receives them).");
        Enqueued = Meter.CreateCounter<long>(EnqueuedInstrument, "{delivery}", "Deliveries enqueued (one per matching subscription).");
        Succeeded = Meter.CreateCounter<long>(SucceededInstrument, "{delivery}", "Deliveries that succeeded (a 2xx answer).");
        Failed = Meter.CreateCounter<long>(FailedInstrument, "{attempt}", "Attempts that failed.");
        DeadLettered = Meter.CreateCounter<long>(DeadLetteredInstrument, "{delivery}", "Deliveries dead-lettered.");
        AttemptDuration = Meter.CreateHistogram<double>(AttemptDurationInstrument, "s", "Duration of delivery attempts.");
        Meter.CreateObservableGauge(QueueDepthInstrument, ObserveQueueDepth, "{delivery}", "Pending deliveries (state=pending) and those due now (state=due), as last read by the worker.");
    }

    public static ActivitySource ActivitySource { get; } = new(Name);

    public Meter Meter { get; }

    public Counter<long> Published { get; }

    public Counter<long> Unmatched { get; }

    public Counter<long> Enqueued { get; }

    public Counter<long> Succeeded { get; }

    public Counter<long> Failed { get; }

    public Counter<long> DeadLettered { get; }

    public Histogram<double> AttemptDuration { get; }

    public WebhookQueueDepth QueueDepth
    {
        get => _queueDepth;
        set => _queueDepth = value;
    }

    /// <summary>
    /// The <c>error.type</c> of a failed attempt: the status code of an HTTP answer (<c>503</c>, as OpenTelemetry's HTTP
    /// conventions write it), otherwise the error kind in snake_case.
    /// </summary>
    public static string ErrorType(WebhookDeliveryErrorKind kind, int? statusCode) => kind switch
    {
        WebhookDeliveryErrorKind.HttpStatus when statusCode is { } status => status.ToString(CultureInfo.InvariantCulture),
        WebhookDeliveryErrorKind.HttpStatus => "http_status",
        WebhookDeliveryErrorKind.Timeout => "timeout",
        WebhookDeliveryErrorKind.ConnectionFailed => "connection_failed",
        WebhookDeliveryErrorKind.DestinationRefused => "destination_refused",
        WebhookDeliveryErrorKind.InvalidEndpoint => "invalid_endpoint",
        _ => "_OTHER",
    };

    /// <summary>The <c>ordinavo.webhook.dead_letter.reason</c> value of <paramref name="reason"/>.</summary>
    public static string DeadLetterReason(WebhookDeadLetterReason reason) => reason switch
    {
        WebhookDeadLetterReason.RetriesExhausted => "retries_exhausted",
        WebhookDeadLetterReason.EndpointGone => "endpoint_gone",
        WebhookDeadLetterReason.SubscriptionDisabled => "subscription_disabled",
        WebhookDeadLetterReason.SubscriptionNotFound => "subscription_not_found",
        _ => "_OTHER",
    };

    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }

    private IEnumerable<Measurement<long>> ObserveQueueDepth()
    {
        var depth = _queueDepth;
        return
        [
            new Measurement<long>(depth.Pending, new KeyValuePair<string, object?>(WebhookTelemetryTags.QueueState, "pending")),
            new Measurement<long>(depth.Due, new KeyValuePair<string, object?>(WebhookTelemetryTags.QueueState, "due")),
        ];
    }
}
