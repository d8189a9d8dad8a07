using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// The JSON form of <see cref="WebhookSubscriptionRecord.Document"/> (version 1). Secrets are Data Protection
/// ciphertexts. Members added later are optional, so documents written before them still read.
/// </summary>
internal sealed class SubscriptionDocument
{
    [JsonPropertyName("v")]
    public int FormatVersion { get; set; } = 1;

    public string EndpointUrl { get; set; } = string.Empty;

    public List<string> EventTypes { get; set; } = [];

    public string? SourceSystem { get; set; }

    public string? Description { get; set; }

    public SubscriptionDocumentPayloadOptions PayloadOptions { get; set; } = new();

    public bool StandardWebhooksHeaders { get; set; }

    public bool Enabled { get; set; } = true;

    public WebhookSubscriptionDisabledReason? DisabledReason { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>The operator's note on the last disable or enable (optional member: absent in older documents).</summary>
    public string? StateNote { get; set; }

    /// <summary>When the subscription was last disabled or enabled (optional member: absent in older documents).</summary>
    public DateTimeOffset? StateChangedAt { get; set; }

    public List<SubscriptionDocumentSecret> Secrets { get; set; } = [];
}

/// <summary>The payload options as stored (kept apart from <c>WebhookPayloadOptions</c> so its evolution never changes stored documents by accident).</summary>
internal sealed class SubscriptionDocumentPayloadOptions
{
    public bool IncludeCustomerContext { get; set; }

    public bool IncludeContactDetails { get; set; }

    public bool IncludeSummaryPreview { get; set; }

    public bool IncludeBillingDetails { get; set; }

    public int SummaryPreviewMaxLength { get; set; }
}

/// <summary>One stored secret: the Data Protection ciphertext of its value and its dates.</summary>
internal sealed class SubscriptionDocumentSecret
{
    public string Protected { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SubscriptionDocument))]
internal sealed partial class SubscriptionDocumentJsonContext : JsonSerializerContext;
