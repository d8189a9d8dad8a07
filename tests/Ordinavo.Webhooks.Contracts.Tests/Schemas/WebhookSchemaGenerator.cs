using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Payloads;

namespace Ordinavo.Webhooks.Contracts.Tests.Schemas;

/// <summary>
/// Generates the JSON Schema (draft 2020-12) of each event type from the contract types: the schema that
/// <see cref="JsonSchemaExporter"/> derives from <see cref="WebhookJsonContext"/>, with the wire rules the types alone
/// do not show (timestamps are UTC strings with Z, absent values are omitted rather than null, value-type fields are
/// always written), then specialised per catalog entry (eventType const, required envelope fields and sections).
/// Unknown properties stay allowed everywhere, so that a validator does not reject a newer payload; the names of the
/// never-sent list (<see cref="NeverSentNames"/>, contract section 2) are rejected in every object, envelope and sections.
/// </summary>
internal static class WebhookSchemaGenerator
{
    public const string Directory = "schemas";
    public const string DateTimePattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$";
    public const string EventIdPattern = "^evt_[0-7][0-9A-HJKMNP-TV-Z]{25}$";
    public const string EventTypePattern = "^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*$";

    /// <summary>The definition every object schema refers to from <c>propertyNames</c>.</summary>
    public const string NeverSentDefinition = "neverSentName";

    private static readonly string[] EnvelopeProperties = ["eventId", "eventType", "payloadVersion", "occurredAt", "tenantId", "source"];

    private static readonly JsonSerializerOptions Output = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string FileName(WebhookEventType type) => type.Value + ".schema.json";

    /// <summary>Every schema by file name.</summary>
    public static IReadOnlyDictionary<string, string> GenerateAll() =>
        WebhookEventCatalog.All.ToDictionary(d => FileName(d.Type), d => Generate(d).ToJsonString(Output) + "\n", StringComparer.Ordinal);

    public static JsonObject Generate(WebhookEventDescriptor descriptor)
    {
        var baseSchema = ExportEnvelope();
        var baseProperties = baseSchema["properties"]!.AsObject();

        var properties = new JsonObject
        {
            ["eventId"] = new JsonObject
            {
                ["description"] = "evt_ + a 26-character ULID (Crockford base32); stable across retries and subscriptions.",
                ["type"] = "string",
                ["pattern"] = EventIdPattern,
            },
            ["eventType"] = new JsonObject { ["description"] = descriptor.Description, ["const"] = descriptor.Type.Value },
            ["payloadVersion"] = new JsonObject { ["const"] = WebhookEvent.CurrentPayloadVersion },
            ["occurredAt"] = WithDescription(DateTimeSchema(), "When the business event happened, UTC."),
            ["tenantId"] = new JsonObject { ["type"] = "string", ["minLength"] = 1 },
            ["source"] = new JsonObject { ["const"] = WebhookEvent.OrdinavoSource },
        };

        var required = new JsonArray(EnvelopeProperties.Select(p => (JsonNode)p).ToArray());
        foreach (var (name, value) in baseProperties)
        {
            if (EnvelopeProperties.Contains(name))
            {
                continue;
            }

            var section = SectionOf(name);
            if (!descriptor.Carries(section))
            {
                continue;
            }

            properties[name] = value!.DeepClone();
            if ((descriptor.RequiredSections & section) == section)
            {
                required.Add(name);
            }
        }

        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = FileName(descriptor.Type),
            ["title"] = descriptor.Type.Value,
            ["description"] = $"Ordinavo webhook body (payloadVersion {WebhookEvent.CurrentPayloadVersion}) of {descriptor.Type.Value}: {descriptor.Description} " +
                              "Sections that do not apply or that the subscription's payload options leave out are absent (never null). " +
                              "Unknown properties are allowed: receivers must ignore them. " +
                              "Names of data that is never sent (secrets, notes, coordinates, contact data, amounts and the like) are rejected in every object.",
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = required,
            ["additionalProperties"] = true,
            ["propertyNames"] = NeverSentReference(),
            ["$defs"] = new JsonObject
            {
                [NeverSentDefinition] = new JsonObject
                {
                    ["description"] = "A property name of data that is never on the wire.",
                    ["not"] = new JsonObject { ["enum"] = new JsonArray(NeverSentNames.All.Select(n => (JsonNode)n).ToArray()) },
                },
            },
        };
    }

    /// <summary>The JSON name of a section flag, such as <c>visitReport</c>.</summary>
    public static string SectionName(WebhookSections section) => JsonNamingPolicy.CamelCase.ConvertName(section.ToString());

    private static WebhookSections SectionOf(string propertyName)
    {
        foreach (var section in Enum.GetValues<WebhookSections>())
        {
            if (section is not (WebhookSections.None or WebhookSections.CustomerContext) && SectionName(section) == propertyName)
            {
                return section;
            }
        }

        throw new InvalidOperationException($"The envelope property '{propertyName}' is neither an envelope field nor a known section.");
    }

    private static JsonObject ExportEnvelope()
    {
        var options = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = Transform,
        };
        return JsonSchemaExporter.GetJsonSchemaAsNode(WebhookJsonContext.Default.WebhookEvent, options).AsObject();
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode schema)
    {
        var type = context.TypeInfo.Type;
        if (type == typeof(DateTimeOffset) || type == typeof(DateTimeOffset?))
        {
            return DateTimeSchema();
        }

        if (type == typeof(WebhookEventType))
        {
            return new JsonObject { ["type"] = "string", ["pattern"] = EventTypePattern };
        }

        if (schema is not JsonObject obj)
        {
            return schema;
        }

        // The writer omits null values (a section or field that does not apply is absent), so null is never on the wire.
        if (obj["type"] is JsonArray types)
        {
            var nonNull = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToArray();
            obj["type"] = nonNull.Length == 1 ? nonNull[0] : new JsonArray(nonNull.Select(t => (JsonNode)t).ToArray());
        }

        if (context.PropertyInfo?.Name == "routeDate")
        {
            obj["format"] = "date";
        }

        if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && obj["properties"] is JsonObject)
        {
            // Non-nullable value-type fields (ids, counts, flags) are always written.
            var alwaysWritten = context.TypeInfo.Properties
                .Where(p => p.PropertyType.IsValueType && Nullable.GetUnderlyingType(p.PropertyType) is null)
                .Select(p => (JsonNode)p.Name)
                .ToArray();
            if (alwaysWritten.Length > 0)
            {
                obj["required"] = new JsonArray(alwaysWritten);
            }

            obj["additionalProperties"] = true;
            obj["propertyNames"] = NeverSentReference();
        }

        return obj;
    }

    private static JsonObject NeverSentReference() => new() { ["$ref"] = $"#/$defs/{NeverSentDefinition}" };

    private static JsonObject DateTimeSchema() => new()
    {
        ["type"] = "string",
        ["format"] = "date-time",
        ["pattern"] = DateTimePattern,
    };

    private static JsonObject WithDescription(JsonObject schema, string description)
    {
        var result = new JsonObject { ["description"] = description };
        foreach (var (name, value) in schema)
        {
            result[name] = value?.DeepClone();
        }

        return result;
    }
}
