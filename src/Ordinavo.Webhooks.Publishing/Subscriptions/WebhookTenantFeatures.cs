namespace Ordinavo.Webhooks.Publishing;

/// <summary>A tenant's features relevant to webhooks.</summary>
/// <param name="BillingWebhooksEnabled">Whether the tenant has the billing-webhook feature (needed for billing details).</param>
public sealed record WebhookTenantFeatures(bool BillingWebhooksEnabled)
{
    /// <summary>Every feature off (the default).</summary>
    public static WebhookTenantFeatures None { get; } = new(false);
}
