using System.Text.Json.Nodes;
using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Contracts.Tests.Docs;
using Ordinavo.Webhooks.Payloads;
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
    public void Sample_satisfies_its_published_schema(string eventType)
    {
        var type = WebhookEventType.Parse(eventType);
        var schema = WebhookSchemas.Published(eventType);

        foreach (var sample in new[] { WebhookSamples.For(type), WebhookSamples.For(type, Everything) })
        {
            Assert.Empty(WebhookSchemas.Validate(schema, WebhookEventSerializer.SerializeToUtf8Bytes(sample)));
        }
    }

    [Fact]
    public void Every_approved_snapshot_satisfies_its_published_schema()
    {
        var snapshots = Directory.GetFiles(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "Snapshots"), "*.verified.json");

        Assert.True(snapshots.Length >= 24, $"Only {snapshots.Length} snapshots were found.");
        foreach (var file in snapshots)
        {
            Assert.True(WebhookSchemas.ValidatePublished(File.ReadAllText(file)) is [], $"{Path.GetFileName(file)} does not satisfy its schema.");
        }
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Schema_rejects_every_never_sent_name_in_every_object_and_accepts_unknown_names(string eventType)
    {
        var schema = WebhookSchemas.Published(eventType);
        var generated = WebhookSchemaGenerator.Generate(WebhookEventCatalog.Get(WebhookEventType.Parse(eventType)));
        var body = JsonNode.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(WebhookSamples.For(WebhookEventType.Parse(eventType), Everything)))!;

        // Every object the schema describes (envelope, each section, billing details) is tried: a section the sample
        // leaves out is added with its required fields only.
        var described = SchemaObjectPaths(generated).ToList();
        foreach (var missing in described.Except(ObjectPaths(body.AsObject(), ""), StringComparer.Ordinal))
        {
            var parent = missing[..missing.LastIndexOf('/')];
            var sectionSchema = missing.Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate(generated, (s, name) => s["properties"]![name]!.AsObject());
            Node(body, parent)[missing[(missing.LastIndexOf('/') + 1)..]] = Minimal(sectionSchema);
        }

        var objects = ObjectPaths(body.AsObject(), "").ToList();
        Assert.Equal(described.Order(StringComparer.Ordinal), objects.Order(StringComparer.Ordinal));
        Assert.Empty(WebhookSchemas.Validate(schema, body.ToJsonString()));
        foreach (var path in objects)
        {
            Assert.True(WebhookSchemas.IsValid(schema, With(body, path, "futureField")), $"The schema of {eventType} rejects an unknown name in '{path}'.");
            foreach (var name in NeverSentNames.All)
            {
                Assert.False(
                    WebhookSchemas.IsValid(schema, With(body, path, name)),
                    $"The schema of {eventType} accepts '{name}' in '{(path.Length == 0 ? "(envelope)" : path)}'.");
            }
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
        var schema = WebhookSchemas.Published(WebhookEventType.VisitReportApproved.Value);
        var sample = WebhookSamples.For(WebhookEventType.VisitReportApproved);

        var otherType = JsonNode.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(sample with { EventType = WebhookEventType.VisitReportRejected }));
        var noReport = JsonNode.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(sample with { VisitReport = null }));
        var localTime = JsonNode.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(sample))!;
        localTime["occurredAt"] = "2026-06-18T18:40:00+02:00";
        var badId = JsonNode.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(sample))!;
        badId["eventId"] = "evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3"; // 25 characters
        var wrongKind = JsonNode.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(sample))!;
        wrongKind["visitReport"]!["attachmentCount"] = "2";
        var notADate = JsonNode.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(sample))!;
        notADate["visitReport"]!["approvedAt"] = "2026-02-30T18:40:00Z"; // matches the pattern, but there is no 30 February

        Assert.Contains(Errors(schema, otherType!), e => e.StartsWith("/eventType:", StringComparison.Ordinal));
        Assert.Contains(Errors(schema, noReport!), e => e.Contains("visitReport", StringComparison.Ordinal));
        Assert.Contains(Errors(schema, localTime), e => e.StartsWith("/occurredAt:", StringComparison.Ordinal));
        Assert.Contains(Errors(schema, badId), e => e.StartsWith("/eventId:", StringComparison.Ordinal));
        Assert.Contains(Errors(schema, wrongKind), e => e.StartsWith("/visitReport/attachmentCount:", StringComparison.Ordinal));
        Assert.Contains(Errors(schema, notADate), e => e.StartsWith("/visitReport/approvedAt:", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_allows_unknown_properties_and_describes_no_null()
    {
        var schema = WebhookSchemaGenerator.Generate(WebhookEventCatalog.Get(WebhookEventType.BillingEventFailed));
        var body = JsonNode.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(WebhookSamples.For(WebhookEventType.BillingEventFailed)))!;
        body["futureField"] = new JsonObject { ["nested"] = 1 };
        body["billing"]!["futureFlag"] = true;

        Assert.Empty(WebhookSchemas.Validate(WebhookSchemas.Build(schema.ToJsonString()), body.ToJsonString()));
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

    private static readonly WebhookSampleOptions Everything = new() { IncludeSummaryPreview = true, IncludeBillingDetails = true };

    private static IReadOnlyList<string> Errors(Json.Schema.JsonSchema schema, JsonNode body) => WebhookSchemas.Validate(schema, body.ToJsonString());

    /// <summary><paramref name="body"/> with a string property <paramref name="name"/> added to the object at <paramref name="path"/>.</summary>
    private static string With(JsonNode body, string path, string name)
    {
        var copy = body.DeepClone();
        Node(copy, path)[name] = "x";
        return copy.ToJsonString();
    }

    private static JsonNode Node(JsonNode body, string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate(body, (node, segment) => node[segment]!);

    /// <summary>An object with only the required fields of <paramref name="schema"/> (ids, flags, counts).</summary>
    private static JsonObject Minimal(JsonObject schema)
    {
        var result = new JsonObject();
        foreach (var name in schema["required"]?.AsArray().Select(n => n!.GetValue<string>()) ?? [])
        {
            result[name] = schema["properties"]![name]!["type"]!.GetValue<string>() switch
            {
                "integer" => 1,
                "boolean" => false,
                _ => "x",
            };
        }

        return result;
    }

    /// <summary>The paths (<c>/billing/details</c>) of every object in a body, the envelope as "".</summary>
    private static IEnumerable<string> ObjectPaths(JsonObject node, string path)
    {
        yield return path;
        foreach (var (name, value) in node)
        {
            if (value is JsonObject child)
            {
                foreach (var nested in ObjectPaths(child, $"{path}/{name}"))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>The paths of every object a schema describes, in the same form as <see cref="ObjectPaths"/>.</summary>
    private static IEnumerable<string> SchemaObjectPaths(JsonObject schema, string path = "")
    {
        yield return path;
        foreach (var (name, value) in schema["properties"]?.AsObject() ?? [])
        {
            if (value is JsonObject child && child["type"]?.GetValue<string>() == "object")
            {
                foreach (var nested in SchemaObjectPaths(child, $"{path}/{name}"))
                {
                    yield return nested;
                }
            }
        }
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    private static IEnumerable<WebhookSections> SectionFlags() =>
        Enum.GetValues<WebhookSections>().Where(s => s is not (WebhookSections.None or WebhookSections.CustomerContext));
}
