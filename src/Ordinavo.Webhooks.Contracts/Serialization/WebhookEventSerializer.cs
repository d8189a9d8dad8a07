using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Ordinavo.Webhooks.Contracts.Serialization;

/// <summary>
/// Writes and reads webhook bodies with <see cref="WebhookJsonContext"/>. Writing follows the contract (UTF-8 without
/// BOM, text outside ASCII as UTF-8 rather than <c>\u</c> escapes, camelCase, absent sections omitted, UTC with <c>Z</c>); reading is tolerant of unknown properties and event
/// types, and every malformed input ends in one <see cref="WebhookPayloadException"/> with a reason.
/// </summary>
public static class WebhookEventSerializer
{
    // Built on the first error only; a race builds the same set twice, harmlessly.
    private static HashSet<string>? _knownPropertyNames;

    /// <summary>Writes <paramref name="webhookEvent"/> as compact UTF-8 JSON.</summary>
    /// <exception cref="ArgumentException">The envelope lacks <c>eventId</c>, <c>eventType</c>, <c>occurredAt</c> or <c>tenantId</c>.</exception>
    public static byte[] SerializeToUtf8Bytes(WebhookEvent webhookEvent)
    {
        EnsureWritable(webhookEvent);
        return JsonSerializer.SerializeToUtf8Bytes(webhookEvent, WebhookJsonWire.Compact.WebhookEvent);
    }

    /// <summary>Writes <paramref name="webhookEvent"/> as compact UTF-8 JSON into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The envelope lacks <c>eventId</c>, <c>eventType</c>, <c>occurredAt</c> or <c>tenantId</c>.</exception>
    public static void Serialize(IBufferWriter<byte> destination, WebhookEvent webhookEvent)
    {
        if (destination is null)
        {
            throw new ArgumentNullException(nameof(destination));
        }

        EnsureWritable(webhookEvent);
        using var writer = new Utf8JsonWriter(destination, WebhookJsonWire.CompactWriterOptions);
        JsonSerializer.Serialize(writer, webhookEvent, WebhookJsonWire.Compact.WebhookEvent);
    }

    /// <summary>Writes <paramref name="webhookEvent"/> as a JSON string; indented for documents and logs of examples.</summary>
    /// <exception cref="ArgumentException">The envelope lacks <c>eventId</c>, <c>eventType</c>, <c>occurredAt</c> or <c>tenantId</c>.</exception>
    public static string SerializeToString(WebhookEvent webhookEvent, bool indented = false)
    {
        EnsureWritable(webhookEvent);
        var context = indented ? WebhookJsonWire.Indented : WebhookJsonWire.Compact;
        return JsonSerializer.Serialize(webhookEvent, context.WebhookEvent);
    }

    /// <summary>Reads a webhook body.</summary>
    /// <exception cref="WebhookPayloadException">The body is empty, not JSON, not an object, or lacks an envelope field.</exception>
    public static WebhookEvent Deserialize(ReadOnlySpan<byte> utf8Json) =>
        TryDeserialize(utf8Json, out var result, out var error) ? result : throw error;

    /// <summary>Reads a webhook body without throwing.</summary>
    /// <returns><see langword="true"/> with <paramref name="result"/> set, or <see langword="false"/> with <paramref name="error"/> set.</returns>
    public static bool TryDeserialize(
        ReadOnlySpan<byte> utf8Json,
        [NotNullWhen(true)] out WebhookEvent? result,
        [NotNullWhen(false)] out WebhookPayloadException? error)
    {
        result = null;
        if (WebhookEnvelopeReader.IsBlank(utf8Json))
        {
            error = new WebhookPayloadException(WebhookPayloadErrorReason.EmptyBody, "The webhook body is empty.");
            return false;
        }

        WebhookEvent? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(utf8Json, WebhookJsonContext.Default.WebhookEvent);
        }
        catch (JsonException ex)
        {
            error = FromJsonException(ex);
            return false;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 inside a string value, for example.
            error = new WebhookPayloadException(WebhookPayloadErrorReason.InvalidJson, "The webhook body is not valid UTF-8 JSON.");
            return false;
        }
        catch (ArgumentException)
        {
            error = new WebhookPayloadException(WebhookPayloadErrorReason.InvalidJson, "The webhook body is not valid UTF-8 JSON.");
            return false;
        }

        if (parsed is null)
        {
            error = new WebhookPayloadException(WebhookPayloadErrorReason.InvalidJson, "The webhook body must be a JSON object.", "$");
            return false;
        }

        var missing = MissingEnvelopeProperty(parsed);
        if (missing is not null)
        {
            error = new WebhookPayloadException(
                WebhookPayloadErrorReason.MissingRequiredProperty,
                $"The webhook body lacks the required property '{missing}'.",
                "$." + missing);
            return false;
        }

        result = parsed;
        error = null;
        return true;
    }

    private static void EnsureWritable(WebhookEvent webhookEvent)
    {
        if (webhookEvent is null)
        {
            throw new ArgumentNullException(nameof(webhookEvent));
        }

        var missing = MissingEnvelopeProperty(webhookEvent);
        if (missing is not null)
        {
            throw new ArgumentException($"The event lacks the required property '{missing}'.", nameof(webhookEvent));
        }
    }

    private static string? MissingEnvelopeProperty(WebhookEvent e) =>
        WebhookEnvelopeReader.FirstMissing(e.EventId, e.EventType, e.OccurredAt, e.TenantId);

    private static WebhookPayloadException FromJsonException(JsonException ex)
    {
        // Syntax errors come from the reader (an inner reader exception); conversion errors do not.
        var syntax = ex.InnerException is not null && ex.InnerException.GetType().Name == "JsonReaderException";

        // Invalid UTF-8 inside a string surfaces as a transcoding failure of the value being read.
        var invalidUtf8 = ex.InnerException is InvalidOperationException { InnerException: DecoderFallbackException };
        var path = SafePath(ex.Path);
        var where = ex.LineNumber is { } line
            ? $" (at {path}, line {line + 1}, byte {ex.BytePositionInLine.GetValueOrDefault() + 1})"
            : $" (at {path})";
        if (syntax)
        {
            return new WebhookPayloadException(WebhookPayloadErrorReason.InvalidJson, "The webhook body is not well-formed JSON" + where + ".", path);
        }

        if (invalidUtf8)
        {
            return new WebhookPayloadException(WebhookPayloadErrorReason.InvalidJson, "The webhook body is not valid UTF-8" + where + ".", path);
        }

        if (path == "$")
        {
            return new WebhookPayloadException(WebhookPayloadErrorReason.InvalidJson, "The webhook body must be a JSON object" + where + ".", path);
        }

        return new WebhookPayloadException(
            WebhookPayloadErrorReason.InvalidPropertyValue,
            "A property of the webhook body has a value of the wrong kind or format" + where + ".",
            path);
    }

    /// <summary>
    /// The JSON path up to the first property name the contract does not know: names chosen by the sender never reach
    /// exception messages or logs.
    /// </summary>
    private static string SafePath(string? path)
    {
        if (path is null || path.Length == 0 || path[0] != '$')
        {
            return "$";
        }

        var end = 1;
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var next = i + 1;
                while (next < path.Length && path[next] != '.' && path[next] != '[')
                {
                    next++;
                }

                var known = _knownPropertyNames ??= CollectKnownPropertyNames();
                if (!known.Contains(path.Substring(i + 1, next - i - 1)))
                {
                    break;
                }

                i = end = next;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] is >= '0' and <= '9')
            {
                var close = path.IndexOf(']', i);
                if (close < 0)
                {
                    break;
                }

                i = end = close + 1;
            }
            else
            {
                // A bracketed name (['...']) is never one of the contract's camelCase names.
                break;
            }
        }

        return path.Substring(0, end);
    }

    private static HashSet<string> CollectKnownPropertyNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<Type>();
        Visit(WebhookJsonContext.Default.WebhookEvent);
        return names;

        void Visit(JsonTypeInfo info)
        {
            if (!visited.Add(info.Type))
            {
                return;
            }

            foreach (var property in info.Properties)
            {
                names.Add(property.Name);
                var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (WebhookJsonContext.Default.GetTypeInfo(type) is { Kind: JsonTypeInfoKind.Object } child)
                {
                    Visit(child);
                }
            }
        }
    }
}
