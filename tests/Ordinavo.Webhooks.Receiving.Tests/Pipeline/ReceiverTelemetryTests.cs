using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Receiving.Tests;

public sealed class ReceiverTelemetryTests
{
    [Fact]
    public async Task The_meter_counts_received_rejected_by_reason_duplicates_and_handler_failures()
    {
        await using var harness = new ReceiverHarness();
        var meterFactory = harness.Services.GetRequiredService<IMeterFactory>();
        var measurements = new List<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this container's meter: other tests run in parallel with their own.
            if (instrument.Meter.Name == "Ordinavo.Webhooks.Receiving" && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (measurements)
            {
                measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        listener.Start();

        harness.Log.Behavior = (c, _) => c.EventType == WebhookEventType.TargetCancelled ? throw new InvalidOperationException() : Task.CompletedTask;
        var handled = harness.Request(WebhookEventType.VisitReportApproved);
        await harness.SendAsync(handled);
        await harness.SendAsync(handled.AsAttempt(2, harness.Clock.GetUtcNow()));
        await harness.SendAsync(handled.WithTamperedBody());
        await harness.SendAsync(handled.WithContentType("text/plain"));
        await harness.SendAsync(harness.Request(WebhookEventType.TargetCancelled));

        long Sum(string name, string? tag = null, string? value = null) => measurements
            .Where(m => m.Instrument == name && (tag is null || Equals(m.Tags.GetValueOrDefault(tag), value)))
            .Sum(m => m.Value);
        Assert.Equal(5, Sum("ordinavo.webhooks.received"));
        Assert.Equal(1, Sum("ordinavo.webhooks.rejected", "reason", "invalid_signature"));
        Assert.Equal(1, Sum("ordinavo.webhooks.rejected", "reason", "unsupported_content_type"));
        Assert.Equal(1, Sum("ordinavo.webhooks.rejected", "reason", "handler_failed"));
        Assert.Equal(1, Sum("ordinavo.webhooks.duplicates", "status", "already_handled"));
        Assert.Equal(1, Sum("ordinavo.webhooks.handler_failures", "event.type", "target.cancelled"));
        Assert.Equal(1, Sum("ordinavo.webhooks.handled", "event.type", "visit_report.approved"));
    }

    [Fact]
    public async Task The_activity_continues_the_publishers_traceparent()
    {
        await using var harness = new ReceiverHarness();
        var request = harness.Request(WebhookEventType.VisitReportApproved);
        var traceId = ActivityTraceId.CreateRandom();
        var parentSpan = ActivitySpanId.CreateRandom();
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Ordinavo.Webhooks.Receiving",
            Sample = (ref ActivityCreationOptions<ActivityContext> o) =>
                o.TraceId == traceId || o.Parent.TraceId == traceId ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = a =>
            {
                lock (stopped)
                {
                    stopped.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var result = await harness.SendAsync(request.WithHeader("traceparent", $"00-{traceId}-{parentSpan}-01"));

        Assert.Equal(WebhookReceiveOutcome.Handled, result.Outcome);
        Activity activity;
        lock (stopped)
        {
            activity = Assert.Single(stopped, a => a.TraceId == traceId);
        }

        Assert.Equal(parentSpan, activity.ParentSpanId);
        Assert.Equal("handled", activity.GetTagItem("ordinavo.webhook.outcome"));
        Assert.Equal(request.EventId, activity.GetTagItem("ordinavo.event.id"));
    }
}
