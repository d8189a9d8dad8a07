using System.Text.Json.Nodes;
using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Contracts.Tests.Docs;
using Ordinavo.Webhooks.TestSupport;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Contracts.Tests.Schemas;

public class SchemaTests
{
    private static readonly string SchemaDirectory = RepositoryPaths.Combine("docs", WebhookSchemaGenerator.Directory);

    public static TheoryData<string> EventTypes() => [.. WebhookEventCatalog.All.Select(d => d.Type.Value)];

    [Fact]
    public void Checked_in_schemas_match_the_contract_types()
    {
        var generated = WebhookSchemaGenerator.GenerateAll();

        Assert.Equal(24, generated.Count);
        GeneratedFiles.Verify(SchemaDirectory, generated, "*.schema.json");
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Sample_satisfies_its_schema(string eventType)
    {
        var type = WebhookEventType.Parse(eventType);
        var schema = WebhookSchemaGenerator.Generate(WebhookEventCatalog.Get(type));
        var everything = new WebhookSampleOptions { IncludeSummaryPreview = true, IncludeBillingDetails = true };

        foreach (var sample in new[] { WebhookSamples.For(type), WebhookSamples.For(type, everything) })
        {
            var body = JsonNode.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(sample));
            Assert.Empty(MiniSchemaValidator.Validate(schema, body));
        }
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Schema_pins_the_event_type_and_requires_the_envelope_and_the_catalogs_required_sections(string eventType)
    {
        var descriptor = WebhookEventCatalog.Get(WebhookEventType.Parse(eventType));
        var schema = WebhookSchemaGenerator.Generate(descriptor);

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema["$schema"]!.GetValue<string>());
        Assert.Equal(eventType, schema["properties"]!["eventType"]!["const"]!.GetValue<string>());
        var required = schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet();
        Assert.Subset(required, new HashSet<string> { "eventId", "eventType", "payloadVersion", "occurredAt", "tenantId", "source" });

        var sectionNames = SectionFlags().ToDictionary(WebhookSchemaGenerator.SectionName);
        foreach (var (name, flag) in sectionNames)
        {
            Assert.Equal(descriptor.RequiredSections.HasFlag(flag), required.Contains(name));
            Assert.Equal(descriptor.Carries(flag), schema["properties"]!.AsObject().ContainsKey(name));
        }

        Assert.True(schema["additionalProperties"]!.GetValue<bool>());
    }

    [Fact]
    public void Schema_rejects_a_body_of_another_type_or_without_a_required_section()
    {
        var schema = WebhookSchemaGenerator.Generate(WebhookEventCatalog.Get(WebhookEventType.VisitReportApproved));
        var sample = WebhookSamples.For(WebhookEventType.VisitReportApproved);

        var otherType = JsonNode.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(sample with { EventType = WebhookEventType.VisitReportRejected }));
        var noReport = JsonNode.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(sample with { VisitReport = null }));
        var localTime = JsonNode.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(sample))!;
        localTime["occurredAt"] = "2026-06-18T18:40:00+02:00";
        var badId = JsonNode.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(sample))!;
        badId["eventId"] = "evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3"; // 25 characters
        var wrongKind = JsonNode.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(sample))!;
        wrongKind["visitReport"]!["attachmentCount"] = "2";

        Assert.Contains(MiniSchemaValidator.Validate(schema, otherType), e => e.StartsWith("$.eventType", StringComparison.Ordinal));
        Assert.Contains(MiniSchemaValidator.Validate(schema, noReport), e => e.Contains("'visitReport'", StringComparison.Ordinal));
        Assert.Contains(MiniSchemaValidator.Validate(schema, localTime), e => e.StartsWith("$.occurredAt", StringComparison.Ordinal));
        Assert.Contains(MiniSchemaValidator.Validate(schema, badId), e => e.StartsWith("$.eventId", StringComparison.Ordinal));
        Assert.Contains(MiniSchemaValidator.Validate(schema, wrongKind), e => e.StartsWith("$.visitReport.attachmentCount", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_allows_unknown_properties_and_describes_no_null()
    {
        var schema = WebhookSchemaGenerator.Generate(WebhookEventCatalog.Get(WebhookEventType.BillingEventFailed));
        var body = JsonNode.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(WebhookSamples.For(WebhookEventType.BillingEventFailed)))!;
        body["futureField"] = new JsonObject { ["nested"] = 1 };
        body["billing"]!["futureFlag"] = true;

        Assert.Empty(MiniSchemaValidator.Validate(schema, body));
        Assert.DoesNotContain("\"null\"", schema.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Schemas_name_every_section_field_of_the_contract_types()
    {
        // A field added to a section type must show up in the schema (the exporter reads the same metadata the writer uses).
        var schema = WebhookSchemaGenerator.Generate(WebhookEventCatalog.Get(WebhookEventType.BillingEventCreated));
        var billing = schema["properties"]!["billing"]!["properties"]!.AsObject().Select(p => p.Key).ToArray();
        var details = schema["properties"]!["billing"]!["properties"]!["details"]!["properties"]!.AsObject().Select(p => p.Key).ToArray();

        Assert.Equal(["id", "externalId", "status", "visitReportId", "createdAt", "failureCode", "details"], billing);
        Assert.Equal(["serviceCode", "workDurationMinutes", "travelDurationMinutes", "materialLineCount", "customerOrderReference", "costCenter"], details);
        Assert.Equal(["id"], schema["properties"]!["billing"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("date-time", schema["properties"]!["billing"]!["properties"]!["createdAt"]!["format"]!.GetValue<string>());
    }

    private static IEnumerable<WebhookSections> SectionFlags() =>
        Enum.GetValues<WebhookSections>().Where(s => s is not (WebhookSections.None or WebhookSections.CustomerContext));
}
