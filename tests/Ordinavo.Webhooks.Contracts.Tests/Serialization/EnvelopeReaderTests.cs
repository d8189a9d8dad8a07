using System.Text;
using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Contracts.Tests.Serialization;

/// <summary>
/// <see cref="WebhookEnvelopeReader"/> holds the envelope rules the serializer follows: on every sample it reads the
/// envelope the serializer reads, and on every malformed body it rejects (all but those whose only fault is in a
/// section member it does not read) it gives the serializer's reason.
/// </summary>
public sealed class EnvelopeReaderTests
{
    [Fact]
    public void Every_sample_reads_with_the_envelope_and_entity_id_of_the_parsed_event()
    {
        foreach (var sample in WebhookSamples.All)
        {
            var body = WebhookEventSerializer.SerializeToUtf8Bytes(sample);

            Assert.True(WebhookEnvelopeReader.TryRead(body, out var envelope, out _), sample.EventType.Value);

            Assert.Equal(sample.EventId, envelope.EventId);
            Assert.Equal(sample.EventType, envelope.EventType);
            Assert.Equal(sample.OccurredAt, envelope.OccurredAt);
            Assert.Equal(sample.TenantId, envelope.TenantId);
            long? entityId = sample.EventType.Category switch
            {
                WebhookEventCategory.Target => sample.Target?.Id,
                WebhookEventCategory.Route => sample.Route?.Id,
                WebhookEventCategory.Appointment => sample.Appointment?.Id,
                WebhookEventCategory.VisitReport => sample.VisitReport?.Id,
                WebhookEventCategory.Billing => sample.Billing?.Id,
                _ => null,
            };
            Assert.Equal(entityId, envelope.EntityId);
        }
    }

    [Theory]
    [MemberData(nameof(MalformedInputTests.Cases), MemberType = typeof(MalformedInputTests))]
    public void A_malformed_body_gets_the_serializers_reason(string name, string body, WebhookPayloadErrorReason reason, string? path)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var ok = WebhookEnvelopeReader.TryRead(bytes, out _, out var actual);

        // Faults in section members other than the entity's id are the typed read's (the serializer's) to find.
        var sectionOnly = reason == WebhookPayloadErrorReason.InvalidPropertyValue && path is "$.customer" or "$.location.hasCoordinates" or "$.route.appointmentIds[0]";
        if (sectionOnly)
        {
            Assert.True(ok, name);
            return;
        }

        Assert.False(ok, name);
        Assert.True(reason == actual, $"{name}: expected {reason}, got {actual}");
    }

    [Fact]
    public void Required_members_are_named_in_contract_order()
    {
        var at = new DateTimeOffset(2026, 6, 18, 16, 40, 0, TimeSpan.Zero);

        Assert.Equal("eventId", WebhookEnvelopeReader.FirstMissing(null, default, default, null));
        Assert.Equal("eventType", WebhookEnvelopeReader.FirstMissing("evt_1", default, at, "t"));
        Assert.Equal("occurredAt", WebhookEnvelopeReader.FirstMissing("evt_1", WebhookEventType.TargetUpdated, default, "t"));
        Assert.Equal("tenantId", WebhookEnvelopeReader.FirstMissing("evt_1", WebhookEventType.TargetUpdated, at, ""));
        Assert.Null(WebhookEnvelopeReader.FirstMissing("evt_1", WebhookEventType.TargetUpdated, at, "t"));
    }

    [Theory]
    [InlineData("visit_report.approved")]
    [InlineData("visit\\u005freport.approved")]
    [InlineData("inventory.adjusted")]
    public void The_event_type_reads_as_its_name_whether_known_escaped_or_unknown(string written)
    {
        var body = Encoding.UTF8.GetBytes(
            "{\"eventId\":\"evt_1\",\"eventType\":\"" + written + "\",\"occurredAt\":\"2026-06-18T16:40:00Z\",\"tenantId\":\"t\"}");

        Assert.True(WebhookEnvelopeReader.TryRead(body, out var envelope, out _));

        var expected = written == "inventory.adjusted" ? "inventory.adjusted" : "visit_report.approved";
        Assert.Equal(expected, envelope.EventType.Value);
        Assert.Equal(WebhookEventType.Parse(expected).IsKnown, envelope.EventType.IsKnown);
    }

    [Fact]
    public void The_expected_event_id_is_kept_when_the_body_repeats_it_and_the_bodys_own_is_read_otherwise()
    {
        var body = Encoding.UTF8.GetBytes(
            "{\"eventId\":\"evt_01J0000000000000000000000A\",\"eventType\":\"target.updated\",\"occurredAt\":\"2026-06-18T16:40:00Z\",\"tenantId\":\"t\"}");
        var expected = new string("evt_01J0000000000000000000000A".AsSpan());

        Assert.True(WebhookEnvelopeReader.TryRead(body, out var same, out _, expected));
        Assert.Same(expected, same.EventId);

        Assert.True(WebhookEnvelopeReader.TryRead(body, out var other, out _, "evt_01J0000000000000000000000B"));
        Assert.Equal("evt_01J0000000000000000000000A", other.EventId);
    }
}
