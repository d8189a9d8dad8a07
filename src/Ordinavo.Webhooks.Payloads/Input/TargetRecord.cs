namespace Ordinavo.Webhooks.Payloads;

/// <summary>An imported target (job, order, work item).</summary>
public sealed class TargetRecord : PayloadRecord
{
    /// <summary>Ordinavo's id of the target.</summary>
    public required long Id { get; init; }

    /// <summary>The target's title.</summary>
    public string? Title { get; init; }

    /// <summary>The target's status, such as <c>Imported</c> or <c>Scheduled</c>.</summary>
    public string? Status { get; init; }

    /// <summary>For a follow-up target: the id of the target it follows up.</summary>
    public long? FollowUpOfTargetId { get; init; }

    /// <summary>
    /// A customer number the import carried on the target (legacy field). Never sent: <c>customerNumber</c> comes from
    /// the customer record only.
    /// </summary>
    public string? LegacyCustomerNumber { get; init; }

    /// <summary>The imported free-text description of the work. Never sent.</summary>
    public string? Description { get; init; }
}
