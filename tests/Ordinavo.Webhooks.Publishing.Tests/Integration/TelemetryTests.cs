using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Ordinavo.Webhooks.Publishing.Tests.Support;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing.Tests.Integration;

/// <summary>
/// The names of docs/telemetry.md, read from a real delivery (worker, HttpClient, Kestrel on loopback): meter,
/// instruments, units, spans and attribute keys.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class TelemetryTests
{
    private const string Name = "Ordinavo.Webhooks.Publishing";

    [Fact]
    public async Task A_real_delivery_is_measured_and_traced_with_the_documented_names()
    {
        var headers = new ConcurrentDictionary<string, Dictionary<string, string>>();
        await using var receiver = await Receiver.StartAsync((context, _) =>
        {
            var subscription = context.Request.Path.Value![^1..];
            headers[subscription] = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            context.Response.StatusCode = subscription switch { "a" => 200, "b" => 503, _ => 410 };
            return Task.CompletedTask;
        });
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var publisher = await PublisherHost.StartAsync(
            o => o.RetrySchedule = [TimeSpan.FromHours(1)], // b fails once within the test, its retry is far away
            configureServices: services => services.AddMetrics());
        var meters = publisher.Services.GetRequiredService<IMeterFactory>();
        using var published = new MetricCollector<long>(meters, Name, "ordinavo.webhook.published");
        using var enqueued = new MetricCollector<long>(meters, Name, "ordinavo.webhook.delivery.enqueued");
        using var succeeded = new MetricCollector<long>(meters, Name, "ordinavo.webhook.delivery.succeeded");
        using var failed = new MetricCollector<long>(meters, Name, "ordinavo.webhook.attempt.failed");
        using var deadLettered = new MetricCollector<long>(meters, Name, "ordinavo.webhook.delivery.dead_lettered");
        using var duration = new MetricCollector<double>(meters, Name, "ordinavo.webhook.attempt.duration");
        var secret = WebhookSecret.Generate();
        foreach (var id in new[] { "a", "b", "c" })
        {
            publisher.Subscribe(id, receiver.Url($"/hooks/{id}"), secret);
        }

        var result = await publisher.Publisher.PublishAsync(EngineHarness.Input(), CancellationToken.None);
        await failed.WaitForMeasurementsAsync(2, TimeSpan.FromSeconds(30));
        await succeeded.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(30));
        await deadLettered.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(30));
        await duration.WaitForMeasurementsAsync(3, TimeSpan.FromSeconds(30));

        const string eventType = "visit_report.approved";
        Assert.Equal(eventType, Assert.Single(published.GetMeasurementSnapshot()).Tags["ordinavo.webhook.event.type"]);
        Assert.Equal(3, Assert.Single(enqueued.GetMeasurementSnapshot()).Value);
        Assert.Equal(eventType, Assert.Single(succeeded.GetMeasurementSnapshot()).Tags["ordinavo.webhook.event.type"]);
        Assert.Equal(["410", "503"], failed.GetMeasurementSnapshot().Select(m => (string)m.Tags["error.type"]!).Order(StringComparer.Ordinal));
        var deadLetter = Assert.Single(deadLettered.GetMeasurementSnapshot());
        Assert.Equal("endpoint_gone", deadLetter.Tags["ordinavo.webhook.dead_letter.reason"]);
        Assert.Equal(eventType, deadLetter.Tags["ordinavo.webhook.event.type"]);
        // As OpenTelemetry's HTTP durations: error.type only where the attempt failed.
        Assert.Equal(
            ["", "410", "503"],
            duration.GetMeasurementSnapshot().Select(m => m.Tags.TryGetValue("error.type", out var e) ? (string)e! : "").Order(StringComparer.Ordinal));
        Assert.Equal("s", duration.Instrument!.Unit);
        Assert.Equal("{delivery}", succeeded.Instrument!.Unit);
        Assert.Equal("{attempt}", failed.Instrument!.Unit);
        Assert.Equal("{event}", published.Instrument!.Unit);

        var ours = spans.Where(s => Equals(s.GetTagItem("ordinavo.webhook.event.id"), result.EventId)).ToList();
        var publish = Assert.Single(ours, s => s.OperationName == "webhook publish");
        Assert.Equal(ActivityKind.Producer, publish.Kind);
        Assert.Equal(eventType, publish.GetTagItem("ordinavo.webhook.event.type"));
        Assert.Equal(3, publish.GetTagItem("ordinavo.webhook.delivery.count"));

        var deliveries = ours.Where(s => s.OperationName == "webhook deliver").ToDictionary(s => (string)s.GetTagItem("ordinavo.webhook.subscription.id")!);
        Assert.Equal(["a", "b", "c"], deliveries.Keys.Order(StringComparer.Ordinal));
        var delivered = deliveries["a"];
        Assert.Equal(ActivityKind.Client, delivered.Kind);
        Assert.Equal(ActivityStatusCode.Unset, delivered.Status);
        Assert.Equal(eventType, delivered.GetTagItem("ordinavo.webhook.event.type"));
        Assert.Equal(headers["a"]["X-Ordinavo-Delivery-Id"], delivered.GetTagItem("ordinavo.webhook.delivery.id"));
        Assert.Equal(1, delivered.GetTagItem("ordinavo.webhook.delivery.attempt"));
        Assert.Equal("POST", delivered.GetTagItem("http.request.method"));
        Assert.Equal(200, delivered.GetTagItem("http.response.status_code"));
        Assert.Equal("127.0.0.1", delivered.GetTagItem("server.address"));
        Assert.Equal(receiver.Port, delivered.GetTagItem("server.port"));
        Assert.Null(delivered.GetTagItem("error.type"));
        // The receiver gets the attempt's span as its parent, in the runtime's W3C form.
        Assert.Equal(delivered.Id, headers["a"]["traceparent"]);
        Assert.Equal($"00-{delivered.TraceId.ToHexString()}-{delivered.SpanId.ToHexString()}-01", delivered.Id);

        Assert.Equal(ActivityStatusCode.Error, deliveries["b"].Status);
        Assert.Equal("503", deliveries["b"].GetTagItem("error.type"));
        Assert.Equal(503, deliveries["b"].GetTagItem("http.response.status_code"));
        Assert.Equal("410", deliveries["c"].GetTagItem("error.type"));
    }
}
