using System.Text.Json.Serialization;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>
/// The admin API's JSON (System.Text.Json source generation, camelCase): independent of the host's own JSON options,
/// so the wire format stays the same whatever the host configures.
/// </summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(AdminSubscriptionRequest))]
[JsonSerializable(typeof(AdminSubscriptionUpdateRequest))]
[JsonSerializable(typeof(AdminVersionRequest))]
[JsonSerializable(typeof(AdminStateChangeRequest))]
[JsonSerializable(typeof(AdminRotateSecretRequest))]
[JsonSerializable(typeof(AdminRedeliverDeadLettersRequest))]
[JsonSerializable(typeof(AdminSubscription))]
[JsonSerializable(typeof(AdminIssuedSecret))]
[JsonSerializable(typeof(AdminSubscriptionPage))]
[JsonSerializable(typeof(AdminDeliveryPage))]
[JsonSerializable(typeof(AdminDeliveryDetails))]
[JsonSerializable(typeof(AdminTestEventResult))]
[JsonSerializable(typeof(AdminRedeliveryResult))]
[JsonSerializable(typeof(AdminQueueDepth))]
[JsonSerializable(typeof(AdminSubscriptionHealth))]
[JsonSerializable(typeof(AdminDeliveryStatistics))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
