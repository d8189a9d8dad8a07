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
}
