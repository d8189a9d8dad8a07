using System.Text.Json.Serialization;
using Ordinavo.Webhooks.Payloads;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>A subscription's payload options in the admin API (contract section 2). Members left out take the contract defaults.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class AdminPayloadOptions
{
    /// <summary>Whether the <c>customer</c> and <c>location</c> sections are sent (default <see langword="true"/>).</summary>
    public bool IncludeCustomerContext { get; set; } = true;

    /// <summary>Whether the <c>contact</c> section is sent (default <see langword="true"/>).</summary>
    public bool IncludeContactDetails { get; set; } = true;

    /// <summary>Whether visit report events carry a redacted <c>summaryPreview</c> (default <see langword="false"/>).</summary>
    public bool IncludeSummaryPreview { get; set; }

    /// <summary>Whether billing events carry <c>billing.details</c> (default <see langword="false"/>).</summary>
    public bool IncludeBillingDetails { get; set; }

    /// <summary>The longest summary preview in characters (20 to 2000, default 200).</summary>
    public int SummaryPreviewMaxLength { get; set; } = WebhookPayloadOptions.DefaultSummaryPreviewMaxLength;

    internal WebhookPayloadOptions ToOptions() => new()
    {
        IncludeCustomerContext = IncludeCustomerContext,
        IncludeContactDetails = IncludeContactDetails,
        IncludeSummaryPreview = IncludeSummaryPreview,
        IncludeBillingDetails = IncludeBillingDetails,
        SummaryPreviewMaxLength = SummaryPreviewMaxLength,
    };

    internal static AdminPayloadOptions From(WebhookPayloadOptions options) => new()
    {
        IncludeCustomerContext = options.IncludeCustomerContext,
        IncludeContactDetails = options.IncludeContactDetails,
        IncludeSummaryPreview = options.IncludeSummaryPreview,
        IncludeBillingDetails = options.IncludeBillingDetails,
        SummaryPreviewMaxLength = options.SummaryPreviewMaxLength,
    };
}
