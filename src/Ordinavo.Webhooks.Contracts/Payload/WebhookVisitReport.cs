using System;

namespace Ordinavo.Webhooks.Contracts;

/// <summary>The <c>visitReport</c> section: the report documenting a visit (no free text; see <see cref="WebhookSummaryPreview"/>).</summary>
public sealed record WebhookVisitReport
{
    /// <summary>Ordinavo's id of the visit report.</summary>
    public long Id { get; init; }

    /// <summary>The report's title.</summary>
    public string? Title { get; init; }

    /// <summary>The status, such as <c>Draft</c>, <c>Submitted</c>, <c>Approved</c>, <c>Rejected</c>.</summary>
    public string? Status { get; init; }

    /// <summary>The result of the visit, such as <c>Successful</c>, <c>PartiallySuccessful</c>, <c>Failed</c>.</summary>
    public string? Result { get; init; }

    /// <summary>Whether follow-up work is required.</summary>
    public bool FollowUpRequired { get; init; }

    /// <summary>Whether the visit is billable.</summary>
    public bool IsBillable { get; init; }

    /// <summary>The billing status, such as <c>NotReady</c>, <c>Ready</c>, <c>Sent</c>.</summary>
    public string? BillingStatus { get; init; }

    /// <summary>How many attachments (photos, signatures, documents) the report has; the files are never sent.</summary>
    public int AttachmentCount { get; init; }

    /// <summary>When the report was submitted, UTC.</summary>
    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>When the report was approved, UTC.</summary>
    public DateTimeOffset? ApprovedAt { get; init; }
}
