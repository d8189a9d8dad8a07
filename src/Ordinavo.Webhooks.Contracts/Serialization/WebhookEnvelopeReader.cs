using System;
using System.Text;
using System.Text.Json;

namespace Ordinavo.Webhooks.Contracts.Serialization;

/// <summary>
/// The envelope rules of the contract, in one place: which members are required (<see cref="FirstMissing"/>), how
/// <c>eventType</c> and <c>occurredAt</c> are read (<see cref="TryReadEventType"/>, <see cref="TryReadTimestamp"/>, used
/// by the serializer's converters too), and which <see cref="WebhookPayloadErrorReason"/> a bad body gets.
/// <see cref="TryRead"/> applies them in one pass of <see cref="Utf8JsonReader"/> over the whole body, for readers that
/// need the envelope before (or without) the typed sections: the receiver answers from it.
/// </summary>
/// <remarks>
/// Internal, shared with the Receiving package (InternalsVisibleTo): users read bodies with
/// <see cref="WebhookEventSerializer"/> or receive them with the receiver; this is the rule book both follow, not an
/// API of its own.
/// </remarks>
internal static class WebhookEnvelopeReader
{
    /// <summary>The deepest nesting accepted, the root object being depth 1 (<see cref="WebhookJsonContext"/> uses it too).</summary>
    public const int MaxDepth = 32;

    private const string EventIdName = "eventId";
    private const string EventTypeName = "eventType";
    private const string OccurredAtName = "occurredAt";
    private const string TenantIdName = "tenantId";

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

#if !NET8_0_OR_GREATER
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
#endif

    /// <summary>The first required envelope member that is missing or empty, in contract order; null when none is.</summary>
    public static string? FirstMissing(string? eventId, WebhookEventType eventType, DateTimeOffset occurredAt, string? tenantId) =>
        string.IsNullOrEmpty(eventId) ? EventIdName :
        eventType.IsEmpty ? EventTypeName :
        occurredAt == default ? OccurredAtName :
        string.IsNullOrEmpty(tenantId) ? TenantIdName :
        null;

    /// <summary><c>eventType</c>: a JSON string holding a well-formed event type name.</summary>
    public static bool TryReadEventType(ref Utf8JsonReader reader, out WebhookEventType type)
    {
        type = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        // The contract's types are found without decoding the name; any other name is decoded and checked.
        return (!reader.ValueIsEscaped && !reader.HasValueSequence && WebhookEventCatalog.TryGetKnown(reader.ValueSpan, out type))
            || WebhookEventType.TryParse(reader.GetString(), out type);
    }

    /// <summary><c>occurredAt</c> (and every timestamp): a JSON string, ISO 8601 with an offset or <c>Z</c>, converted to UTC.</summary>
    public static bool TryReadTimestamp(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out value))
        {
            value = value.ToUniversalTime();
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>
    /// Checks that <paramref name="body"/> is one well-formed UTF-8 JSON object (as <see cref="WebhookJsonContext"/> reads
    /// JSON: no comments, no trailing commas, at most <see cref="MaxDepth"/> levels) and reads its envelope.
    /// </summary>
    /// <remarks>
    /// The first error in document order decides the reason, as in the serializer: a member of the envelope with a value
    /// of the wrong kind is <see cref="WebhookPayloadErrorReason.InvalidPropertyValue"/> even if the JSON breaks later;
    /// names are compared after unescaping and the last of duplicate names wins. Unlike the serializer, which skips
    /// values it does not read, bytes that are not UTF-8 are rejected anywhere in the body.
    /// </remarks>
    /// <param name="body">The body.</param>
    /// <param name="envelope">The envelope, when the method returns <see langword="true"/>.</param>
    /// <param name="reason">Why the body was rejected, when the method returns <see langword="false"/>.</param>
    /// <param name="expectedEventId">
    /// The eventId the body is expected to carry (the receiver's verified header), if known: when the body's eventId
    /// equals it, <see cref="WebhookEnvelopeFields.EventId"/> is this instance instead of a decoded copy. Any other
    /// eventId is read as usual.
    /// </param>
    public static bool TryRead(ReadOnlySpan<byte> body, out WebhookEnvelopeFields envelope, out WebhookPayloadErrorReason reason, string? expectedEventId = null)
    {
        envelope = default;
        if (IsBlank(body))
        {
            reason = WebhookPayloadErrorReason.EmptyBody;
            return false;
        }

        reason = WebhookPayloadErrorReason.InvalidJson;
        if (!IsValidUtf8(body))
        {
            return false;
        }

        string? eventId = null;
        string? tenantId = null;
        WebhookEventType eventType = default;
        DateTimeOffset occurredAt = default;
        Span<long> ids = stackalloc long[SectionCount];
        Span<bool> present = stackalloc bool[SectionCount];
        var reader = new Utf8JsonReader(body, ReaderOptions);
        try
        {
            // Valid JSON or not, anything but an object is not the contract's body.
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var member = MemberOf(ref reader);
                reader.Read();
                switch (member)
                {
                    case Member.EventId:
                        if (expectedEventId is not null && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(expectedEventId))
                        {
                            eventId = expectedEventId;
                            break;
                        }

                        if (!TryReadString(ref reader, out eventId, ref reason))
                        {
                            return false;
                        }

                        break;
                    case Member.TenantId:
                        if (!TryReadString(ref reader, out tenantId, ref reason))
                        {
                            return false;
                        }

                        break;
                    case Member.EventType:
                        // A custom converter: the serializer fails on the value's first token.
                        if (!TryReadEventType(ref reader, out eventType))
                        {
                            reason = WebhookPayloadErrorReason.InvalidPropertyValue;
                            return false;
                        }

                        break;
                    case Member.OccurredAt:
                        if (!TryReadTimestamp(ref reader, out occurredAt))
                        {
                            reason = WebhookPayloadErrorReason.InvalidPropertyValue;
                            return false;
                        }

                        break;
                    case Member.Other:
                        reader.Skip();
                        break;
                    default:
                        var section = (int)(member - Member.Section);
                        if (!TryReadSection(ref reader, out present[section], out ids[section], ref reason))
                        {
                            return false;
                        }

                        break;
                }
            }

            // The loop ends on the root's end; nothing but white space may follow it.
            if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != 0 || reader.Read())
            {
                return false;
            }
        }
        catch (JsonException)
        {
            reason = WebhookPayloadErrorReason.InvalidJson;
            return false;
        }
        catch (InvalidOperationException)
        {
            // An escaped value that is not valid UTF-16 (a lone surrogate), found while reading it as text.
            reason = WebhookPayloadErrorReason.InvalidJson;
            return false;
        }

        if (FirstMissing(eventId, eventType, occurredAt, tenantId) is not null)
        {
            reason = WebhookPayloadErrorReason.MissingRequiredProperty;
            return false;
        }

        var category = (int)eventType.Category;
        long? entityId = category > 0 && category < SectionCount && present[category] ? ids[category] : null;
        envelope = new WebhookEnvelopeFields(eventId!, eventType, occurredAt, tenantId!, entityId);
        reason = default;
        return true;
    }

    /// <summary>eventId and tenantId: a string or null; the serializer's string converter reads the whole value before it fails.</summary>
    private static bool TryReadString(ref Utf8JsonReader reader, out string? value, ref WebhookPayloadErrorReason reason)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                value = reader.GetString();
                return true;
            case JsonTokenType.Null:
                return true;
            default:
                return RejectWrongKind(ref reader, ref reason);
        }
    }

    /// <summary>A section: an object (its <c>id</c>, when present, an Int64 as the typed section requires) or null.</summary>
    private static bool TryReadSection(ref Utf8JsonReader reader, out bool present, out long id, ref WebhookPayloadErrorReason reason)
    {
        present = false;
        id = 0;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return RejectWrongKind(ref reader, ref reason);
        }

        present = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isId = reader.ValueTextEquals("id"u8);
            reader.Read();
            if (!isId)
            {
                reader.Skip();
            }
            else if (reader.TokenType != JsonTokenType.Number)
            {
                return RejectWrongKind(ref reader, ref reason);
            }
            else if (!reader.TryGetInt64(out id))
            {
                reason = WebhookPayloadErrorReason.InvalidPropertyValue;
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A value of another kind than its member takes: an invalid value once the whole value proved well-formed (an
    /// object or array is skipped to its end, which throws when it is not JSON). Always <see langword="false"/>.
    /// </summary>
    private static bool RejectWrongKind(ref Utf8JsonReader reader, ref WebhookPayloadErrorReason reason)
    {
        reader.Skip();
        reason = WebhookPayloadErrorReason.InvalidPropertyValue;
        return false;
    }

    /// <summary>Which member a property name is, compared after unescaping as the serializer does.</summary>
    private static Member MemberOf(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            var name = reader.ValueSpan;
            return name.Length switch
            {
                7 when name.SequenceEqual("eventId"u8) => Member.EventId,
                9 when name.SequenceEqual("eventType"u8) => Member.EventType,
                10 when name.SequenceEqual("occurredAt"u8) => Member.OccurredAt,
                8 when name.SequenceEqual("tenantId"u8) => Member.TenantId,
                6 when name.SequenceEqual("target"u8) => Member.Section + (int)WebhookEventCategory.Target,
                5 when name.SequenceEqual("route"u8) => Member.Section + (int)WebhookEventCategory.Route,
                11 when name.SequenceEqual("appointment"u8) => Member.Section + (int)WebhookEventCategory.Appointment,
                11 when name.SequenceEqual("visitReport"u8) => Member.Section + (int)WebhookEventCategory.VisitReport,
                7 when name.SequenceEqual("billing"u8) => Member.Section + (int)WebhookEventCategory.Billing,
                _ => Member.Other,
            };
        }

        return reader.ValueTextEquals("eventId"u8) ? Member.EventId
            : reader.ValueTextEquals("eventType"u8) ? Member.EventType
            : reader.ValueTextEquals("occurredAt"u8) ? Member.OccurredAt
            : reader.ValueTextEquals("tenantId"u8) ? Member.TenantId
            : reader.ValueTextEquals("target"u8) ? Member.Section + (int)WebhookEventCategory.Target
            : reader.ValueTextEquals("route"u8) ? Member.Section + (int)WebhookEventCategory.Route
            : reader.ValueTextEquals("appointment"u8) ? Member.Section + (int)WebhookEventCategory.Appointment
            : reader.ValueTextEquals("visitReport"u8) ? Member.Section + (int)WebhookEventCategory.VisitReport
            : reader.ValueTextEquals("billing"u8) ? Member.Section + (int)WebhookEventCategory.Billing
            : Member.Other;
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> body)
    {
#if NET8_0_OR_GREATER
        return System.Text.Unicode.Utf8.IsValid(body);
#else
        // No span-based UTF-8 validation before .NET 8: the strict decoder over a copy.
        try
        {
            StrictUtf8.GetCharCount(body.ToArray());
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
#endif
    }

    /// <summary>Whether a body is empty or only JSON white space (<see cref="WebhookPayloadErrorReason.EmptyBody"/>).</summary>
    public static bool IsBlank(ReadOnlySpan<byte> body)
    {
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Sections are counted by <see cref="WebhookEventCategory"/> (1 to 5; 0 unused).</summary>
    private const int SectionCount = (int)WebhookEventCategory.Billing + 1;

    private enum Member
    {
        Other,
        EventId,
        EventType,
        OccurredAt,
        TenantId,

        /// <summary>A section: <see cref="Section"/> plus the <see cref="WebhookEventCategory"/> it belongs to.</summary>
        Section,
    }
}
