using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Ordinavo.Webhooks.Cli.Commands;

/// <summary>Reads a few top-level fields of a JSON body without trusting it.</summary>
internal static class BodyInspector
{
    /// <summary>A top-level string property of the body, or <see langword="null"/> when the body is not a JSON object or lacks it.</summary>
    public static string? GetString(ReadOnlySpan<byte> body, string name)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The names of the top-level properties whose value is an object (the sections present), or none.</summary>
    public static IReadOnlyList<string> GetSections(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            return [.. document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object).Select(p => p.Name)];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
