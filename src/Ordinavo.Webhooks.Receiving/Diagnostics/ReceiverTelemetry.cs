using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>The package's <see cref="Meter"/> and <see cref="ActivitySource"/>, both named <c>Ordinavo.Webhooks.Receiving</c>.</summary>
internal sealed class ReceiverTelemetry : IDisposable
{
    public const string Name = "Ordinavo.Webhooks.Receiving";

    public static readonly ActivitySource ActivitySource = new(Name, typeof(ReceiverTelemetry).Assembly.GetName().Version?.ToString());

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _handled;
    private readonly Counter<long> _handlerFailures;
    private readonly Histogram<double> _handlerDuration;

    public ReceiverTelemetry(IMeterFactory? meterFactory)
    {
        if (meterFactory is null)
        {
            _meter = new Meter(Name);
            _ownsMeter = true;
        }
        else
        {
            _meter = meterFactory.Create(new MeterOptions(Name));
        }

        _received = _meter.CreateCounter<long>("ordinavo.webhooks.received", "{request}", "Webhook requests received.");
        _rejected = _meter.CreateCounter<long>("ordinavo.webhooks.rejected", "{request}", "Webhook requests rejected, by reason.");
        _duplicates = _meter.CreateCounter<long>("ordinavo.webhooks.duplicates", "{request}", "Duplicate webhook events (already handled or in progress).");
        _handled = _meter.CreateCounter<long>("ordinavo.webhooks.handled", "{event}", "Webhook events handled.");
        _handlerFailures = _meter.CreateCounter<long>("ordinavo.webhooks.handler_failures", "{event}", "Webhook handler failures.");
        _handlerDuration = _meter.CreateHistogram<double>("ordinavo.webhooks.handler.duration", "s", "Time spent in handlers per event.");
    }

    public void Received(string receiver)
    {
        if (_received.Enabled)
        {
            _received.Add(1, new KeyValuePair<string, object?>("receiver", receiver));
        }
    }

    public void Rejected(string receiver, WebhookReceiveOutcome outcome)
    {
        if (_rejected.Enabled)
        {
            _rejected.Add(
                1,
                new KeyValuePair<string, object?>("receiver", receiver),
                new KeyValuePair<string, object?>("reason", WebhookReceiveResult.CodeOf(outcome)));
        }
    }

    public void Duplicate(string receiver, WebhookInboxStatus status)
    {
        if (_duplicates.Enabled)
        {
            _duplicates.Add(
                1,
                new KeyValuePair<string, object?>("receiver", receiver),
                new KeyValuePair<string, object?>("status", status == WebhookInboxStatus.InProgress ? "in_progress" : "already_handled"));
        }
    }

    public void Handled(string receiver, string eventType, TimeSpan elapsed)
    {
        if (_handled.Enabled)
        {
            _handled.Add(
                1,
                new KeyValuePair<string, object?>("receiver", receiver),
                new KeyValuePair<string, object?>("event.type", eventType));
        }

        if (_handlerDuration.Enabled)
        {
            _handlerDuration.Record(
                elapsed.TotalSeconds,
                new KeyValuePair<string, object?>("receiver", receiver),
                new KeyValuePair<string, object?>("event.type", eventType));
        }
    }

    public void HandlerFailed(string receiver, string eventType)
    {
        if (_handlerFailures.Enabled)
        {
            _handlerFailures.Add(
                1,
                new KeyValuePair<string, object?>("receiver", receiver),
                new KeyValuePair<string, object?>("event.type", eventType));
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
