using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ordinavo.Webhooks.Contracts.Tests.Schemas;

/// <summary>
/// A small structural JSON Schema checker for the keywords our generated schemas use (type, const, required,
/// properties, additionalProperties, items, pattern, minLength, format date-time/date). No schema validator package
/// can be restored here; this is enough to show that the samples satisfy their schemas.
/// </summary>
internal static class MiniSchemaValidator
{
    private static readonly HashSet<string> Supported =
    [
        "$schema", "$id", "title", "description", "type", "const", "required", "properties", "additionalProperties",
        "items", "pattern", "minLength", "format",
    ];

    public static IReadOnlyList<string> Validate(JsonNode schema, JsonNode? instance)
    {
        var errors = new List<string>();
        Check(schema, instance, "$", errors);
        return errors;
    }

    private static void Check(JsonNode? schema, JsonNode? instance, string path, List<string> errors)
    {
        if (schema is JsonValue boolean && boolean.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            if (!boolean.GetValue<bool>())
            {
                errors.Add($"{path}: not allowed.");
            }

            return;
        }

        var s = schema!.AsObject();
        foreach (var (keyword, _) in s)
        {
            if (!Supported.Contains(keyword))
            {
                throw new NotSupportedException($"The checker does not know the keyword '{keyword}'.");
            }
        }

        if (s["const"] is { } constant && !JsonNode.DeepEquals(constant, instance))
        {
            errors.Add($"{path}: expected the constant {constant.ToJsonString()}.");
        }

        if (s["type"] is { } type)
        {
            var allowed = type is JsonArray array ? array.Select(t => t!.GetValue<string>()).ToArray() : [type.GetValue<string>()];
            var actual = KindOf(instance);
            if (!allowed.Contains(actual) && !(actual == "integer" && allowed.Contains("number")))
            {
                errors.Add($"{path}: expected {string.Join(" or ", allowed)}, found {actual}.");
                return;
            }
        }

        if (instance is JsonObject obj)
        {
            foreach (var name in s["required"]?.AsArray().Select(n => n!.GetValue<string>()) ?? [])
            {
                if (!obj.ContainsKey(name))
                {
                    errors.Add($"{path}: lacks the required property '{name}'.");
                }
            }

            var properties = s["properties"]?.AsObject();
            foreach (var (name, child) in obj)
            {
                if (properties is not null && properties.TryGetPropertyValue(name, out var propertySchema))
                {
                    Check(propertySchema, child, $"{path}.{name}", errors);
                }
                else if (s["additionalProperties"] is { } additional)
                {
                    Check(additional, child, $"{path}.{name}", errors);
                }
            }
        }

        if (instance is JsonArray items && s["items"] is { } itemSchema)
        {
            for (var i = 0; i < items.Count; i++)
            {
                Check(itemSchema, items[i], $"{path}[{i}]", errors);
            }
        }

        if (instance is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            if (s["pattern"] is { } pattern && !Regex.IsMatch(text, pattern.GetValue<string>(), RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                errors.Add($"{path}: does not match the pattern {pattern}.");
            }

            if (s["minLength"] is { } minLength && text.Length < minLength.GetValue<int>())
            {
                errors.Add($"{path}: shorter than {minLength}.");
            }

            var format = s["format"]?.GetValue<string>();
            if (format == "date-time" && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
            {
                errors.Add($"{path}: not a date-time.");
            }

            if (format == "date" && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                errors.Add($"{path}: not a date.");
            }
        }
    }

    private static string KindOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d) ? "integer" : "number",
            _ => "null",
        },
        _ => "unknown",
    };
}
