using System.Text.Json.Serialization;

namespace Ordinavo.Webhooks.Contracts.Serialization;

/// <summary>
/// The source-generated System.Text.Json context of the contract: camelCase, absent (null) values omitted, UTC
/// timestamps written with <c>Z</c>, unknown properties ignored when reading. Use <see cref="WebhookEventSerializer"/>
/// for typed errors on bad input.
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
