using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Contracts.Tests.Serialization;

/// <summary>The writer follows contract section 2: camelCase, absent not null, UTC with Z, no BOM, fixed envelope values.</summary>
public class WriterConformanceTests
{
    private static readonly WebhookSampleOptions Everything = new() { IncludeSummaryPreview = true, IncludeBillingDetails = true };

    public static TheoryData<string> EventTypes() => [.. WebhookEventCatalog.All.Select(d => d.Type.Value)];

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Body_is_camel_case_utf8_without_bom_and_without_nulls(string eventType)
    {
        var bytes = WebhookEventSerializer.SerializeToUtf8Bytes(WebhookSamples.For(WebhookEventType.Parse(eventType), Everything));

        Assert.Equal((byte)'{', bytes[0]);
        using var document = JsonDocument.Parse(bytes);
        Walk(document.RootElement, "$");

        static void Walk(JsonElement element, string path)
        {
            Assert.NotEqual(JsonValueKind.Null, element.ValueKind);
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    Assert.Matches("^[a-z][a-zA-Z0-9]*$", property.Name);
                    Walk(property.Value, $"{path}.{property.Name}");
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, path + "[]");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Every_timestamp_is_utc_with_z(string eventType)
    {
        var json = WebhookEventSerializer.SerializeToString(WebhookSamples.For(WebhookEventType.Parse(eventType), Everything));
        var timestamps = Regex.Matches(json, "\"(occurredAt|plannedStart|plannedEnd|actualStart|actualEnd|publishedAt|submittedAt|approvedAt|createdAt|reportedAt)\":\"([^\"]*)\"");

        Assert.NotEmpty(timestamps);
        Assert.All(timestamps, m => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$", m.Groups[2].Value));
    }

    [Fact]
    public void Envelope_carries_the_fixed_values_and_an_event_id_of_the_contracts_format()
    {
        var evt = new WebhookEvent
        {
            EventId = WebhookIdentifiers.NewEventId(),
            EventType = WebhookEventType.TargetImported,
            OccurredAt = new DateTimeOffset(2026, 6, 15, 9, 12, 4, TimeSpan.FromHours(2)),
            TenantId = "tenant-123",
            Target = new WebhookTarget { Id = 455 },
        };

        using var document = JsonDocument.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(evt));
        var root = document.RootElement;

        Assert.Equal(
            ["eventId", "eventType", "payloadVersion", "occurredAt", "tenantId", "source", "target"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Matches("^evt_[0-7][0-9A-HJKMNP-TV-Z]{25}$", root.GetProperty("eventId").GetString());
        Assert.Equal("target.imported", root.GetProperty("eventType").GetString());
        Assert.Equal("1.0", root.GetProperty("payloadVersion").GetString());
        Assert.Equal("2026-06-15T07:12:04Z", root.GetProperty("occurredAt").GetString());
        Assert.Equal("ordinavo", root.GetProperty("source").GetString());

        // Absent fields inside a section are omitted too; value-type fields are written.
        Assert.Equal(["id"], root.GetProperty("target").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Computed_members_are_not_written()
    {
        var json = WebhookEventSerializer.SerializeToString(WebhookSamples.For(WebhookEventType.VisitReportApproved));

        Assert.DoesNotContain("presentSections", json, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("eventId")]
    [InlineData("eventType")]
    [InlineData("occurredAt")]
    [InlineData("tenantId")]
    public void Writer_refuses_an_envelope_without_a_required_field(string field)
    {
        var sample = WebhookSamples.For(WebhookEventType.TargetImported);
        var incomplete = field switch
        {
            "eventId" => sample with { EventId = string.Empty },
            "eventType" => sample with { EventType = default },
            "occurredAt" => sample with { OccurredAt = default },
            _ => sample with { TenantId = string.Empty },
        };

        var ex = Assert.Throws<ArgumentException>(() => WebhookEventSerializer.SerializeToUtf8Bytes(incomplete));
        Assert.Contains($"'{field}'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => WebhookEventSerializer.SerializeToString(incomplete));
        Assert.Throws<ArgumentException>(() => WebhookEventSerializer.Serialize(new System.Buffers.ArrayBufferWriter<byte>(), incomplete));
        Assert.Throws<ArgumentNullException>(() => WebhookEventSerializer.SerializeToUtf8Bytes(null!));
    }

    [Fact]
    public void Text_outside_ascii_is_written_as_utf8_and_only_what_json_requires_is_escaped()
    {
        var sample = WebhookSamples.For(WebhookEventType.VisitReportApproved);
        var german = sample with
        {
            Customer = sample.Customer! with { Name = "Müller & Söhne <Köln> \"Süd\"\\\t" },
        };

        var bytes = WebhookEventSerializer.SerializeToUtf8Bytes(german);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        WebhookEventSerializer.Serialize(buffer, german);

        // ü, ö as UTF-8; & < > as themselves; the quote, the backslash and the tab escaped (JSON requires those).
        Assert.Contains("\"name\":\"Müller & Söhne <Köln> \\\"Süd\\\"\\\\\\t\"", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(bytes, buffer.WrittenSpan.ToArray());
        Assert.Contains("\"Müller & Söhne", WebhookEventSerializer.SerializeToString(german, indented: true), StringComparison.Ordinal);
        Assert.Equal(german.Customer.Name, WebhookEventSerializer.Deserialize(bytes).Customer!.Name);
    }
}
