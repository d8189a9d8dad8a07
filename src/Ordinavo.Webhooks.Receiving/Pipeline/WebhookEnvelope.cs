using System;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Contracts.Serialization;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>
/// What the pipeline needs from a body before it answers: one validating pass over every byte
/// (<see cref="Utf8JsonScanner"/>; the body must be one well-formed UTF-8 JSON object, at most 32 levels deep, as
/// <see cref="Utf8JsonReader"/> reads it) that keeps the envelope (eventId,
/// eventType, occurredAt, tenantId) and the id of the entity the event is about. It reads these values with the
/// contract's rules (<see cref="WebhookJsonContext"/>: exact camelCase names, the last of duplicate names wins,
/// <c>occurredAt</c> converted to UTC); the typed sections are read only when a handler asks for
/// <see cref="WebhookEventContext.Event"/>.
/// </summary>
internal readonly struct WebhookEnvelope
{
    private WebhookEnvelope(string eventId, WebhookEventType eventType, DateTimeOffset occurredAt, string tenantId, WebhookEntityKey? entity)
    {
        EventId = eventId;
        EventType = eventType;
        OccurredAt = occurredAt;
        TenantId = tenantId;
        Entity = entity;
    }

    public string EventId { get; }

    public WebhookEventType EventType { get; }

    public DateTimeOffset OccurredAt { get; }

    public string TenantId { get; }

    /// <summary>The entity (see <see cref="WebhookEntityKey.TryGetFor"/>), when the type's category has one and its section is present.</summary>
    public WebhookEntityKey? Entity { get; }

    /// <summary>Reads the envelope; <see langword="false"/> when the body is not a JSON object with a valid envelope.</summary>
    /// <remarks>
    /// The first error in document order decides the reason, as in the serializer: a member of the envelope with a value
    /// of the wrong kind is <see cref="WebhookPayloadErrorReason.InvalidPropertyValue"/> even if the JSON breaks later.
    /// </remarks>
    public static bool TryRead(ReadOnlySpan<byte> body, out WebhookEnvelope envelope, out WebhookPayloadErrorReason reason)
    {
        envelope = default;
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

        var scanner = new Utf8JsonScanner(body);
        if (!scanner.TryConsume((byte)'{'))
        {
            // Valid JSON or not, anything but an object is not the contract's body.
            reason = WebhookPayloadErrorReason.InvalidJson;
            return false;
        }

        string? eventId = null;
        string? eventTypeText = null;
        string? tenantId = null;
        DateTimeOffset occurredAt = default;
        Span<long> ids = stackalloc long[6];
        Span<bool> present = stackalloc bool[6];
        reason = WebhookPayloadErrorReason.InvalidJson;
        try
        {
            if (!scanner.TryConsume((byte)'}'))
            {
                bool more;
                do
                {
                    if (!scanner.TryReadName(out var name, out var escaped))
                    {
                        return false;
                    }

                    var member = MemberOf(name, escaped);
                    switch (member)
                    {
                        case Member.EventId:
                            if (!TryReadString(ref scanner, nullable: true, out eventId, ref reason))
                            {
                                return false;
                            }

                            break;
                        case Member.EventType:
                            // The type converter rejects null: a value type.
                            if (!TryReadString(ref scanner, nullable: false, out eventTypeText, ref reason))
                            {
                                return false;
                            }

                            break;
                        case Member.OccurredAt:
                            if (!TryReadTimestamp(ref scanner, out occurredAt, ref reason))
                            {
                                return false;
                            }

                            break;
                        case Member.TenantId:
                            if (!TryReadString(ref scanner, nullable: true, out tenantId, ref reason))
                            {
                                return false;
                            }

                            break;
                        case Member.Other:
                            if (!scanner.TrySkipValue(depth: 1))
                            {
                                return false;
                            }

                            break;
                        default:
                            var kind = member - Member.Section;
                            if (!TryReadSectionId(ref scanner, out present[kind], out ids[kind], ref reason))
                            {
                                return false;
                            }

                            break;
                    }

                    if (!scanner.TryNext((byte)'}', out more))
                    {
                        return false;
                    }
                }
                while (more);
            }

            // Anything after the object other than white space is not JSON.
            if (!scanner.AtEnd())
            {
                return false;
            }
        }
        catch (InvalidOperationException)
        {
            // An escaped value that is not valid UTF-16 (a lone surrogate), found while reading it as text.
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
        envelope = new WebhookEnvelope(eventId!, eventType, occurredAt, tenantId!, entity);
        reason = default;
        return true;
    }

    /// <summary>Which member of the envelope a name is, compared after unescaping as the serializer does.</summary>
    private static Member MemberOf(ReadOnlySpan<byte> token, bool escaped)
    {
        if (escaped)
        {
            var reader = new Utf8JsonReader(token);
            reader.Read();
            return reader.ValueTextEquals("eventId"u8) ? Member.EventId
                : reader.ValueTextEquals("eventType"u8) ? Member.EventType
                : reader.ValueTextEquals("occurredAt"u8) ? Member.OccurredAt
                : reader.ValueTextEquals("tenantId"u8) ? Member.TenantId
                : reader.ValueTextEquals("visitReport"u8) ? Member.Section + (int)WebhookEntityKind.VisitReport
                : reader.ValueTextEquals("appointment"u8) ? Member.Section + (int)WebhookEntityKind.Appointment
                : reader.ValueTextEquals("target"u8) ? Member.Section + (int)WebhookEntityKind.Target
                : reader.ValueTextEquals("route"u8) ? Member.Section + (int)WebhookEntityKind.Route
                : reader.ValueTextEquals("billing"u8) ? Member.Section + (int)WebhookEntityKind.Billing
                : Member.Other;
        }

        var text = token[1..^1];
        return text.Length switch
        {
            7 when text.SequenceEqual("eventId"u8) => Member.EventId,
            9 when text.SequenceEqual("eventType"u8) => Member.EventType,
            10 when text.SequenceEqual("occurredAt"u8) => Member.OccurredAt,
            8 when text.SequenceEqual("tenantId"u8) => Member.TenantId,
            11 when text.SequenceEqual("visitReport"u8) => Member.Section + (int)WebhookEntityKind.VisitReport,
            11 when text.SequenceEqual("appointment"u8) => Member.Section + (int)WebhookEntityKind.Appointment,
            6 when text.SequenceEqual("target"u8) => Member.Section + (int)WebhookEntityKind.Target,
            5 when text.SequenceEqual("route"u8) => Member.Section + (int)WebhookEntityKind.Route,
            7 when text.SequenceEqual("billing"u8) => Member.Section + (int)WebhookEntityKind.Billing,
            _ => Member.Other,
        };
    }

    /// <summary>A string member (or null when <paramref name="nullable"/>); another kind of value is an invalid value.</summary>
    private static bool TryReadString(ref Utf8JsonScanner scanner, bool nullable, out string? value, ref WebhookPayloadErrorReason reason)
    {
        value = null;
        var next = scanner.Peek();
        if (next == '"')
        {
            if (!scanner.TryScanString(out var token, out var escaped))
            {
                return false;
            }

            value = escaped ? Unescape(token) : Encoding.UTF8.GetString(token[1..^1]);
            return true;
        }

        if (nullable && next == 'n')
        {
            return scanner.TrySkipLiteral("null"u8);
        }

        // eventId and tenantId: the reader skipped the whole value first; eventType: it looked at the first token only.
        return RejectWrongKind(ref scanner, depth: 1, wholeValue: nullable, ref reason);
    }

    /// <summary>occurredAt: a string the reader takes as a date and time with offset (ISO 8601), converted to UTC.</summary>
    private static bool TryReadTimestamp(ref Utf8JsonScanner scanner, out DateTimeOffset value, ref WebhookPayloadErrorReason reason)
    {
        value = default;
        var next = scanner.Peek();
        if (next != '"')
        {
            return RejectWrongKind(ref scanner, depth: 1, wholeValue: false, ref reason);
        }

        if (!scanner.TryScanString(out var token, out _))
        {
            return false;
        }

        var reader = new Utf8JsonReader(token);
        reader.Read();
        if (!reader.TryGetDateTimeOffset(out value))
        {
            reason = WebhookPayloadErrorReason.InvalidPropertyValue;
            return false;
        }

        value = value.ToUniversalTime();
        return true;
    }

    /// <summary>Reads a section (an object or null), keeping its <c>id</c> (an Int64, as the typed section requires).</summary>
    private static bool TryReadSectionId(ref Utf8JsonScanner scanner, out bool present, out long id, ref WebhookPayloadErrorReason reason)
    {
        present = false;
        id = 0;
        var next = scanner.Peek();
        if (next == 'n')
        {
            return scanner.TrySkipLiteral("null"u8);
        }

        if (next != '{')
        {
            return RejectWrongKind(ref scanner, depth: 1, wholeValue: true, ref reason);
        }

        scanner.TryConsume((byte)'{');
        present = true;
        if (scanner.TryConsume((byte)'}'))
        {
            return true;
        }

        bool more;
        do
        {
            if (!scanner.TryReadName(out var name, out var escaped))
            {
                return false;
            }

            if (IsId(name, escaped))
            {
                if (scanner.Peek() is not ('-' or (>= '0' and <= '9')))
                {
                    return RejectWrongKind(ref scanner, depth: 2, wholeValue: true, ref reason);
                }

                if (!scanner.TryScanNumber(out var number))
                {
                    return false;
                }

                // As Utf8JsonReader.TryGetInt64: the whole token is an integer in range.
                if (!Utf8Parser.TryParse(number, out id, out var consumed) || consumed != number.Length)
                {
                    reason = WebhookPayloadErrorReason.InvalidPropertyValue;
                    return false;
                }
            }
            else if (!scanner.TrySkipValue(depth: 2))
            {
                return false;
            }

            if (!scanner.TryNext((byte)'}', out more))
            {
                return false;
            }
        }
        while (more);
        return true;
    }

    private static bool IsId(ReadOnlySpan<byte> token, bool escaped)
    {
        if (!escaped)
        {
            return token.SequenceEqual("\"id\""u8);
        }

        var reader = new Utf8JsonReader(token);
        reader.Read();
        return reader.ValueTextEquals("id"u8);
    }

    private static string Unescape(ReadOnlySpan<byte> token)
    {
        var reader = new Utf8JsonReader(token);
        reader.Read();
        return reader.GetString()!;
    }

    /// <summary>
    /// A member's value is of another kind than the member takes: an invalid value when the value (or, unless
    /// <paramref name="wholeValue"/>, its first token) is well-formed, otherwise not JSON; the reasons the serializer
    /// gives in the same places. Always <see langword="false"/>.
    /// </summary>
    /// <param name="scanner">The scanner, at the value.</param>
    /// <param name="depth">The depth of the object that holds the member.</param>
    /// <param name="wholeValue">Whether an object or array value is checked to its end.</param>
    /// <param name="reason">Set to <see cref="WebhookPayloadErrorReason.InvalidPropertyValue"/> when the value is well-formed.</param>
    private static bool RejectWrongKind(ref Utf8JsonScanner scanner, int depth, bool wholeValue, ref WebhookPayloadErrorReason reason)
    {
        var firstTokenOnly = !wholeValue && scanner.Peek() is '{' or '[';
        if (firstTokenOnly || scanner.TrySkipValue(depth))
        {
            reason = WebhookPayloadErrorReason.InvalidPropertyValue;
        }

        return false;
    }

    private enum Member
    {
        Other,
        EventId,
        EventType,
        OccurredAt,
        TenantId,

        /// <summary>A section: <see cref="Section"/> plus its <see cref="WebhookEntityKind"/>.</summary>
        Section,
    }
}
