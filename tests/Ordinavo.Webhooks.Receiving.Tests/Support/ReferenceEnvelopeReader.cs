using System.Text.Json;
using System.Text.Unicode;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Contracts.Serialization;

namespace Ordinavo.Webhooks.Receiving.Tests;

/// <summary>
/// The reference the pipeline's envelope reader is held to: the same envelope rules written over
/// <see cref="Utf8JsonReader"/> (MaxDepth 32, every token read), as the pipeline read bodies before it had its own
/// scanner. Slow and simple on purpose.
/// </summary>
internal static class ReferenceEnvelopeReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 32 };

    /// <summary>Reads the envelope; <see langword="false"/> when the body is not a JSON object with a valid envelope.</summary>
    public static bool TryRead(ReadOnlySpan<byte> body, out Envelope? envelope, out WebhookPayloadErrorReason reason)
    {
        envelope = null;
        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            reason = WebhookPayloadErrorReason.EmptyBody;
            return false;
        }

        if (!Utf8.IsValid(body))
        {
            reason = WebhookPayloadErrorReason.InvalidJson;
            return false;
        }

        string? eventId = null;
        string? eventTypeText = null;
        string? tenantId = null;
        DateTimeOffset occurredAt = default;
        Span<long> ids = stackalloc long[6];
        Span<bool> present = stackalloc bool[6];
        try
        {
            var reader = new Utf8JsonReader(body, ReaderOptions);
            if (!reader.Read())
            {
                reason = WebhookPayloadErrorReason.EmptyBody;
                return false;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                // Skip to the end, so that a malformed value is reported as such, not as "not an object".
                reader.Skip();
                while (reader.Read())
                {
                }

                reason = WebhookPayloadErrorReason.InvalidJson;
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("eventId"u8))
                {
                    if (!TryReadString(ref reader, out eventId))
                    {
                        reason = WebhookPayloadErrorReason.InvalidPropertyValue;
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("eventType"u8))
                {
                    // The type converter rejects null: a value type.
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                    {
                        reason = WebhookPayloadErrorReason.InvalidPropertyValue;
                        return false;
                    }

                    eventTypeText = reader.GetString();
                }
                else if (reader.ValueTextEquals("occurredAt"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
                    {
                        reason = WebhookPayloadErrorReason.InvalidPropertyValue;
                        return false;
                    }

                    occurredAt = value.ToUniversalTime();
                }
                else if (reader.ValueTextEquals("tenantId"u8))
                {
                    if (!TryReadString(ref reader, out tenantId))
                    {
                        reason = WebhookPayloadErrorReason.InvalidPropertyValue;
                        return false;
                    }
                }
                else if (SectionOf(ref reader) is var kind and not 0)
                {
                    if (!TryReadSectionId(ref reader, out present[(int)kind], out ids[(int)kind]))
                    {
                        reason = WebhookPayloadErrorReason.InvalidPropertyValue;
                        return false;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            // Anything after the object other than white space is an error of the reader.
            while (reader.Read())
            {
            }
        }
        catch (JsonException)
        {
            reason = WebhookPayloadErrorReason.InvalidJson;
            return false;
        }
        catch (InvalidOperationException)
        {
            reason = WebhookPayloadErrorReason.InvalidJson;
            return false;
        }

        if (string.IsNullOrEmpty(eventId) || eventTypeText is null || occurredAt == default || string.IsNullOrEmpty(tenantId))
        {
            reason = WebhookPayloadErrorReason.MissingRequiredProperty;
            return false;
        }

        if (!WebhookEventType.TryParse(eventTypeText, out var eventType))
        {
            reason = WebhookPayloadErrorReason.InvalidPropertyValue;
            return false;
        }

        var entityKind = WebhookEntityKey.KindOf(eventType.Category);
        WebhookEntityKey? entity = entityKind != 0 && present[(int)entityKind]
            ? new WebhookEntityKey(tenantId!, entityKind, ids[(int)entityKind])
            : null;
        envelope = new Envelope(eventId!, eventType, occurredAt, tenantId!, entity);
        reason = default;
        return true;
    }

    private static bool TryReadString(ref Utf8JsonReader reader, out string? value)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                value = reader.GetString();
                return true;
            case JsonTokenType.Null:
                value = null;
                return true;
            default:
                reader.Skip();
                value = null;
                return false;
        }
    }

    /// <summary>The entity kind of the section named by the current property name, or 0 for any other property.</summary>
    private static WebhookEntityKind SectionOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("visitReport"u8) ? WebhookEntityKind.VisitReport :
        reader.ValueTextEquals("appointment"u8) ? WebhookEntityKind.Appointment :
        reader.ValueTextEquals("target"u8) ? WebhookEntityKind.Target :
        reader.ValueTextEquals("route"u8) ? WebhookEntityKind.Route :
        reader.ValueTextEquals("billing"u8) ? WebhookEntityKind.Billing :
        0;

    /// <summary>Reads a section (an object or null), keeping its <c>id</c> (an Int64, as the typed section requires).</summary>
    private static bool TryReadSectionId(ref Utf8JsonReader reader, out bool present, out long id)
    {
        present = false;
        id = 0;
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        present = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out id))
                {
                    reader.Skip();
                    return false;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return true;
    }

    internal sealed record Envelope(string EventId, WebhookEventType EventType, DateTimeOffset OccurredAt, string TenantId, WebhookEntityKey? Entity);
}
