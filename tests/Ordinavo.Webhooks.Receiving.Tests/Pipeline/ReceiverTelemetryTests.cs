using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Receiving.Tests;

/// <summary>The names of docs/telemetry.md, read from real receives: meter, instruments, units, span and attribute keys.</summary>
public sealed class ReceiverTelemetryTests
{
    private const string Name = "Ordinavo.Webhooks.Receiving";

    [Fact]
    public async Task The_meter_counts_received_rejected_by_error_type_duplicates_and_handler_failures()
    {
        await using var harness = new ReceiverHarness();
        var meterFactory = harness.Services.GetRequiredService<IMeterFactory>();
        // A collector on this container's meter factory sees this receiver only, whatever runs in parallel.
        using var received = new MetricCollector<long>(meterFactory, Name, "ordinavo.webhook.received");
        using var rejected = new MetricCollector<long>(meterFactory, Name, "ordinavo.webhook.rejected");
        using var deduplicated = new MetricCollector<long>(meterFactory, Name, "ordinavo.webhook.deduplicated");
        using var handled = new MetricCollector<long>(meterFactory, Name, "ordinavo.webhook.handled");
        using var handlerFailed = new MetricCollector<long>(meterFactory, Name, "ordinavo.webhook.handler.failed");
        using var handlerDuration = new MetricCollector<double>(meterFactory, Name, "ordinavo.webhook.handler.duration");

        harness.Log.Behavior = (c, _) => c.EventType == WebhookEventType.TargetCancelled ? throw new InvalidOperationException() : Task.CompletedTask;
        var request = harness.Request(WebhookEventType.VisitReportApproved);
        await harness.SendAsync(request);
        await harness.SendAsync(request.AsAttempt(2, harness.Clock.GetUtcNow()));
        await harness.SendAsync(request.WithTamperedBody());
        await harness.SendAsync(request.WithContentType("text/plain"));
        await harness.SendAsync(harness.Request(WebhookEventType.TargetCancelled));

        Assert.Equal(5, received.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.All(received.GetMeasurementSnapshot(), m => Assert.Equal("", m.Tags["ordinavo.webhook.receiver.name"]));
        Assert.Equal(
            ["handler_failed", "invalid_signature", "unsupported_content_type"],
            rejected.GetMeasurementSnapshot().Select(m => (string)m.Tags["error.type"]!).Order(StringComparer.Ordinal));
        var duplicate = Assert.Single(deduplicated.GetMeasurementSnapshot());
        Assert.Equal("already_handled", duplicate.Tags["ordinavo.webhook.inbox.status"]);
        Assert.Equal("visit_report.approved", Assert.Single(handled.GetMeasurementSnapshot()).Tags["ordinavo.webhook.event.type"]);
        Assert.Equal("target.cancelled", Assert.Single(handlerFailed.GetMeasurementSnapshot()).Tags["ordinavo.webhook.event.type"]);
        Assert.Equal("s", handlerDuration.Instrument!.Unit);
        Assert.Equal("{request}", received.Instrument!.Unit);
        Assert.Equal("{event}", handled.Instrument!.Unit);
    }

    [Fact]
    public async Task The_receive_span_continues_the_publishers_traceparent_with_the_shared_attribute_keys()
    {
        await using var harness = new ReceiverHarness();
        var request = harness.Request(WebhookEventType.VisitReportApproved, attempt: 3);
        var traceId = ActivityTraceId.CreateRandom();
        var parentSpan = ActivitySpanId.CreateRandom();
        var activity = await ReceiveTracedAsync(harness, request.WithHeader("traceparent", $"00-{traceId}-{parentSpan}-01"), traceId);

        Assert.Equal("webhook receive", activity.OperationName);
        Assert.Equal(ActivityKind.Server, activity.Kind);
        Assert.Equal(parentSpan, activity.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        Assert.Equal(request.EventId, activity.GetTagItem("ordinavo.webhook.event.id"));
        Assert.Equal("visit_report.approved", activity.GetTagItem("ordinavo.webhook.event.type"));
        Assert.Equal(request.GetHeader(Signing.WebhookHeaderNames.DeliveryId), activity.GetTagItem("ordinavo.webhook.delivery.id"));
        Assert.Equal(3, activity.GetTagItem("ordinavo.webhook.delivery.attempt"));
        Assert.Equal("handled", activity.GetTagItem("ordinavo.webhook.outcome"));
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
        Assert.Null(activity.GetTagItem("error.type"));
    }

    [Fact]
    public async Task A_rejected_request_sets_the_same_error_type_on_the_span_as_on_the_rejected_counter()
    {
        await using var harness = new ReceiverHarness();
        var traceId = ActivityTraceId.CreateRandom();
        var request = harness.Request(WebhookEventType.VisitReportApproved).WithTamperedBody();
        var activity = await ReceiveTracedAsync(harness, request.WithHeader("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01"), traceId);

        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("invalid_signature", activity.GetTagItem("error.type"));
        Assert.Equal("invalid_signature", activity.GetTagItem("ordinavo.webhook.outcome"));
        Assert.Equal(401, activity.GetTagItem("http.response.status_code"));
        Assert.Null(activity.GetTagItem("ordinavo.webhook.event.id")); // an unverified header's id is not recorded
    }

    private static async Task<Activity> ReceiveTracedAsync(ReceiverHarness harness, Testing.SignedWebhookRequest request, ActivityTraceId traceId)
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == Name,
            // Only this test's trace: other tests run in parallel.
            Sample = (ref ActivityCreationOptions<ActivityContext> o) =>
                o.Parent.TraceId == traceId ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = a =>
            {
                lock (stopped)
                {
                    stopped.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await harness.SendAsync(request);

        lock (stopped)
        {
            return Assert.Single(stopped, a => a.TraceId == traceId);
        }
    }
}
