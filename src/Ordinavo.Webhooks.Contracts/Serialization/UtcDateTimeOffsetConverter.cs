using System;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ordinavo.Webhooks.Contracts.Serialization;

/// <summary>
/// Writes timestamps as UTC ISO 8601 with <c>Z</c> (<c>2026-06-18T16:40:00Z</c>; fractional seconds only when present)
/// and reads any ISO 8601 timestamp with an offset, normalised to UTC.
/// </summary>
public sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (!WebhookEnvelopeReader.TryReadTimestamp(ref reader, out var value))
        {
            throw new JsonException(reader.TokenType == JsonTokenType.String
                ? "A timestamp must be ISO 8601 with an offset or Z."
                : "A timestamp must be a JSON string.");
        }

        return value;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        if (writer is null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        var utc = value.UtcDateTime;
        if (utc.Ticks % TimeSpan.TicksPerSecond == 0)
        {
            // Fast path for whole seconds, the common case: no string allocation.
            Span<byte> buffer = stackalloc byte[20];
            Utf8Formatter.TryFormat(utc.Year, buffer.Slice(0, 4), out _, new System.Buffers.StandardFormat('D', 4));
            buffer[4] = (byte)'-';
            Two(buffer.Slice(5), utc.Month);
            buffer[7] = (byte)'-';
            Two(buffer.Slice(8), utc.Day);
            buffer[10] = (byte)'T';
            Two(buffer.Slice(11), utc.Hour);
            buffer[13] = (byte)':';
            Two(buffer.Slice(14), utc.Minute);
            buffer[16] = (byte)':';
            Two(buffer.Slice(17), utc.Second);
            buffer[19] = (byte)'Z';
            writer.WriteStringValue(buffer);
            return;
        }

        writer.WriteStringValue(utc.ToString(Format, CultureInfo.InvariantCulture));

        static void Two(Span<byte> destination, int value)
        {
            destination[0] = (byte)('0' + (value / 10));
            destination[1] = (byte)('0' + (value % 10));
        }
    }
}
