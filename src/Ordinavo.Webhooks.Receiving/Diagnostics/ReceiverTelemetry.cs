using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ordinavo.Webhooks.Contracts.Diagnostics;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>
/// The package's <see cref="Meter"/> and <see cref="ActivitySource"/>, both named <c>Ordinavo.Webhooks.Receiving</c>,
/// and the names of its instruments and span (docs/telemetry.md; attribute keys in <see cref="WebhookTelemetryTags"/>).
/// </summary>
internal sealed class ReceiverTelemetry : IDisposable
{
    /// <summary>The meter's and the activity source's name.</summary>
    public const string Name = "Ordinavo.Webhooks.Receiving";

    /// <summary>The span of one received request (server when it continues the publisher's trace, else internal).</summary>
    public const string ReceiveSpan = "webhook receive";

    public const string ReceivedInstrument = "ordinavo.webhook.received";
    public const string RejectedInstrument = "ordinavo.webhook.rejected";
    public const string DeduplicatedInstrument = "ordinavo.webhook.deduplicated";
    public const string UnhandledInstrument = "ordinavo.webhook.unhandled";
    public const string HandledInstrument = "ordinavo.webhook.handled";
    public const string HandlerFailedInstrument = "ordinavo.webhook.handler.failed";
    public const string HandlerDurationInstrument = "ordinavo.webhook.handler.duration";

    public static readonly ActivitySource ActivitySource = new(Name, typeof(ReceiverTelemetry).Assembly.GetName().Version?.ToString());

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _unhandled;
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

        _received = _meter.CreateCounter<long>(ReceivedInstrument, "{request}", "Webhook requests received.");
        _rejected = _meter.CreateCounter<long>(RejectedInstrument, "{request}", "Webhook requests rejected, by error.type.");
        _duplicates = _meter.CreateCounter<long>(DeduplicatedInstrument, "{request}", "Duplicate webhook events (already handled or in progress).");
        _unhandled = _meter.CreateCounter<long>(UnhandledInstrument, "{event}", "Verified webhook events no handler took (answered 200 'unhandled').");
        _handled = _meter.CreateCounter<long>(HandledInstrument, "{event}", "Webhook events handled.");
        _handlerFailures = _meter.CreateCounter<long>(HandlerFailedInstrument, "{event}", "Webhook handler failures.");
        _handlerDuration = _meter.CreateHistogram<double>(HandlerDurationInstrument, "s", "Time spent in handlers per event.");
    }

    public void Received(string receiver)
    {
        if (_received.Enabled)
        {
            _received.Add(1, new KeyValuePair<string, object?>(WebhookTelemetryTags.ReceiverName, receiver));
        }
    }

    public void Rejected(string receiver, WebhookReceiveOutcome outcome)
    {
        if (_rejected.Enabled)
        {
            _rejected.Add(
                1,
                new KeyValuePair<string, object?>(WebhookTelemetryTags.ReceiverName, receiver),
                new KeyValuePair<string, object?>(WebhookTelemetryTags.ErrorType, WebhookReceiveResult.CodeOf(outcome)));
        }
    }

    public void Duplicate(string receiver, WebhookInboxStatus status)
    {
        if (_duplicates.Enabled)
        {
            _duplicates.Add(
                1,
                new KeyValuePair<string, object?>(WebhookTelemetryTags.ReceiverName, receiver),
                new KeyValuePair<string, object?>(WebhookTelemetryTags.InboxStatus, status == WebhookInboxStatus.InProgress ? "in_progress" : "already_handled"));
        }
    }

    public void Handled(string receiver, string eventType, TimeSpan elapsed)
    {
        if (_handled.Enabled)
        {
            _handled.Add(
                1,
                new KeyValuePair<string, object?>(WebhookTelemetryTags.ReceiverName, receiver),
                new KeyValuePair<string, object?>(WebhookTelemetryTags.EventType, eventType));
        }

        if (_handlerDuration.Enabled)
        {
            _handlerDuration.Record(
                elapsed.TotalSeconds,
                new KeyValuePair<string, object?>(WebhookTelemetryTags.ReceiverName, receiver),
                new KeyValuePair<string, object?>(WebhookTelemetryTags.EventType, eventType));
        }
    }

    public void Unhandled(string receiver, string eventType)
    {
        if (_unhandled.Enabled)
        {
            _unhandled.Add(
                1,
                new KeyValuePair<string, object?>(WebhookTelemetryTags.ReceiverName, receiver),
                new KeyValuePair<string, object?>(WebhookTelemetryTags.EventType, eventType));
        }
    }

    public void HandlerFailed(string receiver, string eventType)
    {
        if (_handlerFailures.Enabled)
        {
            _handlerFailures.Add(
                1,
                new KeyValuePair<string, object?>(WebhookTelemetryTags.ReceiverName, receiver),
                new KeyValuePair<string, object?>(WebhookTelemetryTags.EventType, eventType));
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
