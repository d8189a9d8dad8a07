namespace Ordinavo.Webhooks.Contracts;

/// <summary>The <c>target</c> section: an imported work item (job, order) as the source system knows it.</summary>
public sealed record WebhookTarget
{
    /// <summary>Ordinavo's id of the target.</summary>
    public long Id { get; init; }

    /// <summary>The target's id in the subscription's source system; absent when that system has none.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The source system whose external id is shown (for example <c>logistics_erp</c>).</summary>
    public string? SourceSystem { get; init; }

    /// <summary>The target's title.</summary>
    public string? Title { get; init; }

    /// <summary>The target's status, such as <c>Imported</c>, <c>Scheduled</c>, <c>Completed</c>, <c>Cancelled</c>, <c>Rejected</c>.</summary>
    public string? Status { get; init; }

    /// <summary>For a follow-up target: the id of the target it follows up.</summary>
    public long? FollowUpOfTargetId { get; init; }
}
