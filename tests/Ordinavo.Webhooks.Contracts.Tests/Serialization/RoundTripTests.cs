using System.Buffers;
using System.Text;
using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Contracts.Tests.Serialization;

public class RoundTripTests
{
    private static readonly WebhookSampleOptions Everything = new() { IncludeSummaryPreview = true, IncludeBillingDetails = true };

    public static TheoryData<string> EventTypes() => [.. WebhookEventCatalog.All.Select(d => d.Type.Value)];

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Sample_reads_back_equal_and_writes_the_same_bytes_again(string eventType)
    {
        var type = WebhookEventType.Parse(eventType);
        foreach (var sample in new[] { WebhookSamples.For(type), WebhookSamples.For(type, Everything) })
        {
            var bytes = WebhookEventSerializer.SerializeToUtf8Bytes(sample);

            var read = WebhookEventSerializer.Deserialize(bytes);

            Assert.Equal(sample, read);
            Assert.Equal(bytes, WebhookEventSerializer.SerializeToUtf8Bytes(read));
        }
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Every_writer_produces_the_same_compact_bytes(string eventType)
    {
        var sample = WebhookSamples.For(WebhookEventType.Parse(eventType), Everything);
        var bytes = WebhookEventSerializer.SerializeToUtf8Bytes(sample);
        var buffer = new ArrayBufferWriter<byte>();

        WebhookEventSerializer.Serialize(buffer, sample);

        Assert.Equal(bytes, buffer.WrittenSpan.ToArray());
        Assert.Equal(bytes, Encoding.UTF8.GetBytes(WebhookEventSerializer.SerializeToString(sample)));
        Assert.Equal(sample, WebhookEventSerializer.Deserialize(Encoding.UTF8.GetBytes(WebhookEventSerializer.SerializeToString(sample, indented: true))));
    }

    [Fact]
    public void Writing_is_deterministic_across_calls()
    {
        var first = WebhookSamples.All.Select(WebhookEventSerializer.SerializeToUtf8Bytes).ToArray();
        var second = WebhookSamples.All.Select(WebhookEventSerializer.SerializeToUtf8Bytes).ToArray();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Timestamps_with_an_offset_or_fractions_read_back_as_the_same_instant_in_utc()
    {
        var local = new DateTimeOffset(2026, 6, 18, 18, 40, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        var sample = WebhookSamples.For(WebhookEventType.AppointmentStarted) with { OccurredAt = local };

        var json = WebhookEventSerializer.SerializeToString(sample);
        var read = WebhookEventSerializer.Deserialize(Encoding.UTF8.GetBytes(json));

        Assert.Contains("\"occurredAt\":\"2026-06-18T16:40:00.1234567Z\"", json, StringComparison.Ordinal);
        Assert.Equal(local, read.OccurredAt);
        Assert.Equal(TimeSpan.Zero, read.OccurredAt.Offset);
    }

    [Fact]
    public void Routes_compare_their_appointment_ids_by_value()
    {
        var route = WebhookSamples.For(WebhookEventType.RoutePublished).Route!;
        var copy = route with { AppointmentIds = route.AppointmentIds!.ToList() };
        var reordered = route with { AppointmentIds = route.AppointmentIds!.Reverse().ToArray() };

        Assert.Equal(route, copy);
        Assert.Equal(route.GetHashCode(), copy.GetHashCode());
        Assert.NotEqual(route, reordered);
        Assert.NotEqual(route, route with { AppointmentIds = null });
        Assert.NotEqual(route, route with { PublishedAt = null });
        Assert.NotEqual(route, route with { RouteDate = "2026-06-19" });
    }
}
