namespace Ordinavo.Webhooks.Payloads;

/// <summary>
/// Everything that decides what one subscription may see: its payload options, its source system (for external IDs)
/// and the tenant's features. Bindable from configuration.
/// </summary>
public sealed class WebhookPayloadProfile
{
    /// <summary>The subscription's payload options.</summary>
    public WebhookPayloadOptions Options { get; set; } = new();

    /// <summary>
    /// The subscription's source system, such as <c>logistics_erp</c>: records show their external ID of this system
    /// only. <see langword="null"/> or empty: no external IDs at all.
    /// </summary>
    public string? SourceSystem { get; set; }

    /// <summary>Whether the tenant has the billing-webhook feature (needed for billing details).</summary>
    public bool BillingWebhooksEnabled { get; set; }
}
