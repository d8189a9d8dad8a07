using System;

namespace Ordinavo.Webhooks.Payloads;

/// <summary>A visit report documenting a visit.</summary>
public sealed class VisitReportRecord : PayloadRecord
{
    /// <summary>Ordinavo's id of the visit report.</summary>
    public required long Id { get; init; }

    /// <summary>The report's title.</summary>
    public string? Title { get; init; }

    /// <summary>The status, such as <c>Draft</c>, <c>Submitted</c>, <c>Approved</c>, <c>Rejected</c>.</summary>
    public string? Status { get; init; }

    /// <summary>The result, such as <c>Successful</c>, <c>PartiallySuccessful</c>, <c>Failed</c>.</summary>
    public string? Result { get; init; }

    /// <summary>Whether follow-up work is required.</summary>
    public bool FollowUpRequired { get; init; }

    /// <summary>Whether the visit is billable.</summary>
    public bool IsBillable { get; init; }

    /// <summary>The billing status, such as <c>NotReady</c>, <c>Ready</c>, <c>Sent</c>.</summary>
    public string? BillingStatus { get; init; }

    /// <summary>How many attachments the report has (the files are never sent).</summary>
    public int AttachmentCount { get; init; }

    /// <summary>When the report was submitted.</summary>
    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>When the report was approved.</summary>
    public DateTimeOffset? ApprovedAt { get; init; }

    /// <summary>
    /// The employee's full free-text summary. Never sent as is; a subscription with <c>IncludeSummaryPreview</c> gets a
    /// shortened preview with e-mail addresses, phone numbers and IBANs replaced by placeholders.
    /// </summary>
    public string? Summary { get; init; }
}
