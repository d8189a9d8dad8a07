namespace Ordinavo.Webhooks.Contracts;

/// <summary>
/// The <c>summaryPreview</c> section: a shortened report summary with e-mail addresses, phone numbers and IBANs
/// replaced by placeholders. Off by default; a subscription opts in with <c>IncludeSummaryPreview</c>.
/// </summary>
public sealed record WebhookSummaryPreview
{
    /// <summary>The shortened, redacted text.</summary>
    public string? Text { get; init; }

    /// <summary>Whether the text was shortened.</summary>
    public bool IsTruncated { get; init; }

    /// <summary>Whether personal data was replaced by placeholders.</summary>
    public bool IsRedacted { get; init; }
}
