using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Ordinavo.Webhooks.Payloads;

/// <summary>
/// The payload options of one subscription (contract section 2). The defaults are privacy-conscious: customer context
/// and contact details on, summary preview and billing details off. Bindable from configuration.
/// </summary>
public sealed class WebhookPayloadOptions
{
    /// <summary>The default of <see cref="SummaryPreviewMaxLength"/>: 200 characters.</summary>
    public const int DefaultSummaryPreviewMaxLength = 200;

    /// <summary>The smallest allowed <see cref="SummaryPreviewMaxLength"/>.</summary>
    public const int MinSummaryPreviewMaxLength = 20;

    /// <summary>The largest allowed <see cref="SummaryPreviewMaxLength"/>.</summary>
    public const int MaxSummaryPreviewMaxLength = 2000;

    /// <summary>Whether the <c>customer</c> and <c>location</c> sections are sent. Default <see langword="true"/>.</summary>
    public bool IncludeCustomerContext { get; set; } = true;

    /// <summary>Whether the <c>contact</c> section (ids and display name only) is sent. Default <see langword="true"/>.</summary>
    public bool IncludeContactDetails { get; set; } = true;

    /// <summary>
    /// Whether visit report events carry a <c>summaryPreview</c>: the report summary shortened, whitespace collapsed,
    /// e-mail addresses, phone numbers and IBANs replaced by placeholders. Default <see langword="false"/>.
    /// </summary>
    public bool IncludeSummaryPreview { get; set; }

    /// <summary>
    /// Whether billing events carry <c>billing.details</c>; only when the tenant's billing-webhook feature is on as
    /// well. Default <see langword="false"/>.
    /// </summary>
    public bool IncludeBillingDetails { get; set; }

    /// <summary>
    /// The longest summary preview in characters, the ellipsis included (between <see cref="MinSummaryPreviewMaxLength"/>
    /// and <see cref="MaxSummaryPreviewMaxLength"/>). Default <see cref="DefaultSummaryPreviewMaxLength"/>.
    /// </summary>
    public int SummaryPreviewMaxLength { get; set; } = DefaultSummaryPreviewMaxLength;

    /// <summary>Checks the options, for example from an <c>IValidateOptions</c> implementation at startup.</summary>
    /// <param name="error">Why the options are invalid, when they are.</param>
    /// <returns><see langword="true"/> when the options can be used.</returns>
    public bool TryValidate([NotNullWhen(false)] out string? error)
    {
        if (SummaryPreviewMaxLength is < MinSummaryPreviewMaxLength or > MaxSummaryPreviewMaxLength)
        {
            error = string.Format(
                CultureInfo.InvariantCulture,
                "SummaryPreviewMaxLength must be between {0} and {1}; it is {2}.",
                MinSummaryPreviewMaxLength,
                MaxSummaryPreviewMaxLength,
                SummaryPreviewMaxLength);
            return false;
        }

        error = null;
        return true;
    }
}
