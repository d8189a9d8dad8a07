using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;

namespace Ordinavo.Webhooks.TestSupport;

/// <summary>
/// Checks webhook bodies against JSON Schemas with JsonSchema.Net (draft 2020-12, <c>format</c> checked): the schemas
/// published in <c>docs/schemas</c>, or a schema given as text.
/// </summary>
public static class WebhookSchemas
{
    private static readonly ConcurrentDictionary<string, JsonSchema> PublishedSchemas = new(StringComparer.Ordinal);

    private static readonly EvaluationOptions Evaluation = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
    };

    private static readonly EvaluationOptions FlagOnly = new()
    {
        OutputFormat = OutputFormat.Flag,
        RequireFormatValidation = true,
    };

    /// <summary>The path of the schema published for <paramref name="eventType"/>.</summary>
    public static string PublishedPath(string eventType) => RepositoryPaths.Combine("docs", "schemas", $"{eventType}.schema.json");

    /// <summary>The schema published for <paramref name="eventType"/> (<c>docs/schemas/{eventType}.schema.json</c>).</summary>
    public static JsonSchema Published(string eventType) =>
        PublishedSchemas.GetOrAdd(eventType, static type => Build(File.ReadAllText(PublishedPath(type))));

    /// <summary>Builds a schema from its JSON text, in a registry of its own, so the same <c>$id</c> can be built again.</summary>
    public static JsonSchema Build(string schemaJson) =>
        JsonSchema.FromText(schemaJson, new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    /// <summary>
    /// The violations of <paramref name="json"/> against <paramref name="schema"/>, each as
    /// <c>{JSON Pointer of the instance}: {message}</c>; empty when the body is valid.
    /// </summary>
    public static IReadOnlyList<string> Validate(JsonSchema schema, string json)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return Validate(schema, document.RootElement);
    }

    /// <inheritdoc cref="Validate(JsonSchema, string)"/>
    public static IReadOnlyList<string> Validate(JsonSchema schema, ReadOnlyMemory<byte> utf8Json)
    {
        ArgumentNullException.ThrowIfNull(schema);
        using var document = JsonDocument.Parse(utf8Json);
        return Validate(schema, document.RootElement);
    }

    /// <summary>Whether <paramref name="json"/> satisfies <paramref name="schema"/> (no error details: the fast check).</summary>
    public static bool IsValid(JsonSchema schema, string json)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return schema.Evaluate(document.RootElement, FlagOnly).IsValid;
    }

    /// <summary>The violations of the body against the schema published for its own <c>eventType</c>.</summary>
    public static IReadOnlyList<string> ValidatePublished(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var eventType = document.RootElement.GetProperty("eventType").GetString()
            ?? throw new InvalidOperationException("The body has no eventType.");
        return Validate(Published(eventType), document.RootElement);
    }

    private static List<string> Validate(JsonSchema schema, JsonElement instance)
    {
        var errors = new List<string>();
        if (schema.Evaluate(instance, FlagOnly).IsValid)
        {
            return errors;
        }

        // Only a failing body is evaluated again, collecting every error (which costs more than the yes/no check).
        var results = schema.Evaluate(instance, Evaluation);

        foreach (var node in (results.Details ?? []).Prepend(results))
        {
            foreach (var (_, message) in node.Errors ?? Enumerable.Empty<KeyValuePair<string, string>>())
            {
                errors.Add($"{node.InstanceLocation}: {message}");
            }
        }

        if (errors.Count == 0)
        {
            errors.Add("the body does not satisfy the schema");
        }

        return errors;
    }
}
