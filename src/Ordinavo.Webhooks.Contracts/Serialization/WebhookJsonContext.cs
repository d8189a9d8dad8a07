using System.Text.Json.Serialization;

namespace Ordinavo.Webhooks.Contracts.Serialization;

/// <summary>
/// The source-generated System.Text.Json context of the contract: camelCase, absent (null) values omitted, UTC
/// timestamps written with <c>Z</c>, unknown properties ignored when reading. Use <see cref="WebhookEventSerializer"/>
/// for typed errors on bad input and for the wire form of a body: <see cref="Default"/> keeps System.Text.Json's default
/// encoder, which writes text outside ASCII as <c>\u</c> escapes; the serializer writes it as UTF-8 (contract section 2).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    MaxDepth = WebhookEnvelopeReader.MaxDepth,
    Converters = [typeof(UtcDateTimeOffsetConverter)])]
[JsonSerializable(typeof(WebhookEvent))]
public sealed partial class WebhookJsonContext : JsonSerializerContext
{
}
