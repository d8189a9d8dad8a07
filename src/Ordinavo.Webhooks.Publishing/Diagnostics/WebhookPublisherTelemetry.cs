using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// The package's <see cref="Meter"/> and <see cref="ActivitySource"/>, both named <c>Ordinavo.Webhooks.Publishing</c>.
/// </summary>
internal sealed class WebhookPublisherTelemetry : IDisposable
{
    public const string Name = "Ordinavo.Webhooks.Publishing";

    private readonly bool _ownsMeter;
    private WebhookQueueDepth _queueDepth;

    public WebhookPublisherTelemetry(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        Meter = meterFactory?.Create(Name) ?? new Meter(Name);
        Published = Meter.CreateCounter<long>("ordinavo.webhooks.published", "{event}", "Events published (not counting duplicates).");
        Enqueued = Meter.CreateCounter<long>("ordinavo.webhooks.deliveries.enqueued", "{delivery}", "Deliveries enqueued (one per matching subscription).");
        Delivered = Meter.CreateCounter<long>("ordinavo.webhooks.delivered", "{delivery}", "Deliveries that succeeded (a 2xx answer).");
        Failed = Meter.CreateCounter<long>("ordinavo.webhooks.failed", "{attempt}", "Attempts that failed.");
        DeadLettered = Meter.CreateCounter<long>("ordinavo.webhooks.dead_lettered", "{delivery}", "Deliveries dead-lettered.");
        AttemptDuration = Meter.CreateHistogram<double>("ordinavo.webhooks.attempt.duration", "s", "Duration of delivery attempts.");
        Meter.CreateObservableGauge("ordinavo.webhooks.queue.depth", ObserveQueueDepth, "{delivery}", "Pending deliveries (state=pending) and those due now (state=due), as last read by the worker.");
    }

    public static ActivitySource ActivitySource { get; } = new(Name);

    public Meter Meter { get; }

    public Counter<long> Published { get; }

    public Counter<long> Enqueued { get; }

    public Counter<long> Delivered { get; }

    public Counter<long> Failed { get; }

    public Counter<long> DeadLettered { get; }

    public Histogram<double> AttemptDuration { get; }

    public WebhookQueueDepth QueueDepth
    {
        get => _queueDepth;
        set => _queueDepth = value;
    }

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
            new Measurement<long>(depth.Pending, new KeyValuePair<string, object?>("state", "pending")),
            new Measurement<long>(depth.Due, new KeyValuePair<string, object?>("state", "due")),
        ];
    }
}
