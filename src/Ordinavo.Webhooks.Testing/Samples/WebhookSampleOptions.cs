namespace Ordinavo.Webhooks.Testing;

/// <summary>
/// The payload options a sample is shaped for: the same four options an Ordinavo webhook subscription has, with the
/// contract's defaults (customer context and contact details on, summary preview and billing details off).
/// </summary>
public sealed record WebhookSampleOptions
{
    /// <summary>The contract's defaults.</summary>
    public static WebhookSampleOptions Default { get; } = new();

    /// <summary>Whether the <c>customer</c> and <c>location</c> sections are included. Default <see langword="true"/>.</summary>
    public bool IncludeCustomerContext { get; init; } = true;

    /// <summary>Whether the <c>contact</c> section is included. Default <see langword="true"/>.</summary>
    public bool IncludeContactDetails { get; init; } = true;

    /// <summary>
    /// Whether the <c>summaryPreview</c> section is included (visit report events only). Default
    /// <see langword="false"/>.
    /// </summary>
    public bool IncludeSummaryPreview { get; init; }

    /// <summary>
    /// Whether <c>billing.details</c> is included (billing events only). Default <see langword="false"/>.
    /// </summary>
    public bool IncludeBillingDetails { get; init; }
}
