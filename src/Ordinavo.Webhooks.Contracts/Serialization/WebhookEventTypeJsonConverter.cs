using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ordinavo.Webhooks.Contracts.Serialization;

/// <summary>Reads and writes <see cref="WebhookEventType"/> as its wire name; any well-formed name reads.</summary>
public sealed class WebhookEventTypeJsonConverter : JsonConverter<WebhookEventType>
{
    /// <inheritdoc />
    public override WebhookEventType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (!WebhookEnvelopeReader.TryReadEventType(ref reader, out var type))
        {
            throw new JsonException(reader.TokenType == JsonTokenType.String
                ? "The event type is not a well-formed event type name."
                : "An event type must be a JSON string.");
        }

        return type;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, WebhookEventType value, JsonSerializerOptions options)
    {
        if (writer is null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        writer.WriteStringValue(value.Value);
    }
}
