using System.Text;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Receiving.Tests;

/// <summary>
/// The pipeline reads only the envelope before it answers; these tests hold that reader to the contract serializer:
/// it accepts every body the serializer accepts, with the same envelope, and never accepts a body that is not JSON.
/// </summary>
public sealed class WebhookEnvelopeTests
{
    [Theory]
    [MemberData(nameof(AllTypes))]
    public void The_envelope_of_every_sample_equals_the_parsed_event(string type)
    {
        var sample = WebhookSamples.For(new WebhookEventType(type));
        var body = WebhookEventSerializer.SerializeToUtf8Bytes(sample);

        Assert.True(WebhookEnvelope.TryRead(body, out var envelope, out _));

        AssertSameEnvelope(sample, envelope);
    }

    [Theory]
    [InlineData("", WebhookPayloadErrorReason.EmptyBody)]
    [InlineData("   ", WebhookPayloadErrorReason.EmptyBody)]
    [InlineData("[1,2]", WebhookPayloadErrorReason.InvalidJson)]
    [InlineData("\"text\"", WebhookPayloadErrorReason.InvalidJson)]
    [InlineData("{\"eventId\":\"evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C\"", WebhookPayloadErrorReason.InvalidJson)]
    [InlineData("{\"eventId\":\"evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C\",}", WebhookPayloadErrorReason.InvalidJson)]
    [InlineData("{\"a\":1} {\"b\":2}", WebhookPayloadErrorReason.InvalidJson)]
    [InlineData("{\"a\":[1,}", WebhookPayloadErrorReason.InvalidJson)]
    [InlineData("{/*c*/\"a\":1}", WebhookPayloadErrorReason.InvalidJson)]
    [InlineData("{\"eventType\":\"visit_report.approved\",\"occurredAt\":\"2026-06-18T16:40:00Z\",\"tenantId\":\"t\"}", WebhookPayloadErrorReason.MissingRequiredProperty)]
    [InlineData("{\"eventId\":\"evt_1\",\"occurredAt\":\"2026-06-18T16:40:00Z\",\"tenantId\":\"t\"}", WebhookPayloadErrorReason.MissingRequiredProperty)]
    [InlineData("{\"eventId\":\"evt_1\",\"eventType\":\"visit_report.approved\",\"tenantId\":\"t\"}", WebhookPayloadErrorReason.MissingRequiredProperty)]
    [InlineData("{\"eventId\":\"evt_1\",\"eventType\":\"visit_report.approved\",\"occurredAt\":\"2026-06-18T16:40:00Z\"}", WebhookPayloadErrorReason.MissingRequiredProperty)]
    [InlineData("{\"eventId\":7,\"eventType\":\"visit_report.approved\",\"occurredAt\":\"2026-06-18T16:40:00Z\",\"tenantId\":\"t\"}", WebhookPayloadErrorReason.InvalidPropertyValue)]
    [InlineData("{\"eventId\":\"evt_1\",\"eventType\":null,\"occurredAt\":\"2026-06-18T16:40:00Z\",\"tenantId\":\"t\"}", WebhookPayloadErrorReason.InvalidPropertyValue)]
    [InlineData("{\"eventId\":\"evt_1\",\"eventType\":\"Not A Type\",\"occurredAt\":\"2026-06-18T16:40:00Z\",\"tenantId\":\"t\"}", WebhookPayloadErrorReason.InvalidPropertyValue)]
    [InlineData("{\"eventId\":\"evt_1\",\"eventType\":\"visit_report.approved\",\"occurredAt\":\"yesterday\",\"tenantId\":\"t\"}", WebhookPayloadErrorReason.InvalidPropertyValue)]
    [InlineData("{\"eventId\":\"evt_1\",\"eventType\":\"visit_report.approved\",\"occurredAt\":\"2026-06-18T16:40:00Z\",\"tenantId\":\"t\",\"visitReport\":{\"id\":\"901\"}}", WebhookPayloadErrorReason.InvalidPropertyValue)]
    [InlineData("{\"eventId\":\"evt_1\",\"eventType\":\"visit_report.approved\",\"occurredAt\":\"2026-06-18T16:40:00Z\",\"tenantId\":\"t\",\"visitReport\":[]}", WebhookPayloadErrorReason.InvalidPropertyValue)]
    public void Bodies_the_contract_rejects_are_rejected_with_the_serializers_reason(string json, WebhookPayloadErrorReason reason)
    {
        var body = Encoding.UTF8.GetBytes(json);

        Assert.False(WebhookEnvelope.TryRead(body, out _, out var actual));
        Assert.Equal(reason, actual);
        Assert.False(WebhookEventSerializer.TryDeserialize(body, out _, out _));
    }

    [Fact]
    public void Invalid_utf8_anywhere_is_not_json()
    {
        var body = WebhookEventSerializer.SerializeToUtf8Bytes(WebhookSamples.For(WebhookEventType.VisitReportApproved));
        var title = body.AsSpan().IndexOf("Maintenance"u8);
        Assert.True(title > 0);
        body[title] = 0xC3; // a lead byte without its continuation, inside a string the envelope does not read

        Assert.False(WebhookEnvelope.TryRead(body, out _, out var reason));
        Assert.Equal(WebhookPayloadErrorReason.InvalidJson, reason);
    }

    [Fact]
    public void Names_are_matched_after_unescaping_and_the_last_duplicate_wins_as_in_the_serializer()
    {
        var json = """{"eventId":"evt_FIRST","event\u0049d":"evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C","eventType":"route.published","occurredAt":"2026-06-18T18:40:00+02:00","tenantId":"t-1","route":{"name":"x","id":42}}""";
        var body = Encoding.UTF8.GetBytes(json);

        Assert.True(WebhookEnvelope.TryRead(body, out var envelope, out _));
        Assert.True(WebhookEventSerializer.TryDeserialize(body, out var parsed, out _));
        AssertSameEnvelope(parsed, envelope);
        Assert.Equal("evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C", envelope.EventId);
        Assert.Equal(new DateTimeOffset(2026, 6, 18, 16, 40, 0, TimeSpan.Zero), envelope.OccurredAt);
        Assert.Equal(TimeSpan.Zero, envelope.OccurredAt.Offset);
        Assert.Equal(new WebhookEntityKey("t-1", WebhookEntityKind.Route, 42), envelope.Entity);
    }

    [Fact]
    public void Seeded_mutations_never_accept_what_is_not_json_and_agree_with_the_serializer_whenever_it_accepts_utf8()
    {
        var random = new Random(20261123);
        var bodies = WebhookSamples.All.Select(WebhookEventSerializer.SerializeToUtf8Bytes).ToArray();
        var agreed = 0;
        var invalidUtf8 = 0;
        for (var i = 0; i < 3000; i++)
        {
            var body = Mutate(bodies[random.Next(bodies.Length)], random);
            var envelopeOk = WebhookEnvelope.TryRead(body, out var envelope, out var reason);
            var parsedOk = WebhookEventSerializer.TryDeserialize(body, out var parsed, out var error);

            if (!System.Text.Unicode.Utf8.IsValid(body))
            {
                // JSON is UTF-8: the serializer lets invalid bytes through in values it does not read; the envelope
                // reader (which checks the whole body) never does.
                Assert.False(envelopeOk);
                Assert.Equal(WebhookPayloadErrorReason.InvalidJson, reason);
                invalidUtf8++;
            }
            else if (parsedOk)
            {
                Assert.True(envelopeOk, $"the envelope reader rejected ({reason}) a body the serializer accepts");
                AssertSameEnvelope(parsed!, envelope);
                agreed++;
            }
            else if (error!.Reason is WebhookPayloadErrorReason.InvalidJson or WebhookPayloadErrorReason.EmptyBody)
            {
                Assert.False(envelopeOk, "the envelope reader accepted a body that is not JSON");
            }
        }

        Assert.InRange(agreed, 100, 2900); // both sides exercised
        Assert.True(invalidUtf8 > 10, "invalid UTF-8 exercised");
    }

    public static TheoryData<string> AllTypes()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in WebhookEventCatalog.All)
        {
            data.Add(descriptor.Type.Value);
        }

        return data;
    }

    private static void AssertSameEnvelope(WebhookEvent expected, WebhookEnvelope actual)
    {
        Assert.Equal(expected.EventId, actual.EventId);
        Assert.Equal(expected.EventType, actual.EventType);
        Assert.Equal(expected.OccurredAt, actual.OccurredAt);
        Assert.Equal(expected.TenantId, actual.TenantId);
        Assert.Equal(WebhookEntityKey.TryGetFor(expected, out var key) ? key : null, actual.Entity);
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var body = (byte[])original.Clone();
        switch (random.Next(5))
        {
            case 0:
                body[random.Next(body.Length)] = (byte)random.Next(256);
                return body;
            case 1:
                return body.AsSpan(0, random.Next(body.Length)).ToArray();
            case 2:
                var at = random.Next(body.Length);
                const string Inserts = "{}[],:\"\\ 0a-";
                return [.. body.AsSpan(0, at), (byte)Inserts[random.Next(Inserts.Length)], .. body.AsSpan(at)];
            case 3:
                // Replace one value with another kind of value, keeping the JSON well-formed.
                var text = Encoding.UTF8.GetString(body);
                var colon = text.IndexOf(':', random.Next(text.Length));
                if (colon < 0)
                {
                    return body;
                }

                var end = colon + 1;
                while (end < text.Length && text[end] is not ',' and not '}')
                {
                    end = text[end] == '"' ? text.IndexOf('"', end + 1) + 1 : end + 1;
                    if (end <= 0)
                    {
                        return body;
                    }
                }

                var replacement = new[] { "null", "1", "\"x\"", "[]", "{}", "true", "-9.5e3" }[random.Next(7)];
                return Encoding.UTF8.GetBytes(text[..(colon + 1)] + replacement + text[end..]);
            default:
                return body;
        }
    }
}
