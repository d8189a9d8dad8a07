using System;

namespace Ordinavo.Webhooks.Contracts;

/// <summary>
/// The <c>problem</c> section: a reported problem or a rejection, as machine-readable codes. The employee's free text
/// is never sent.
/// </summary>
public sealed record WebhookProblem
{
    /// <summary>Ordinavo's id of the problem report, when there is one.</summary>
    public long? Id { get; init; }

    /// <summary>A machine-readable code, such as <c>customer_not_present</c> or <c>missing_address</c>.</summary>
    public string? Code { get; init; }

    /// <summary>The category, such as <c>Access</c>, <c>Material</c>, <c>Safety</c>, <c>Validation</c>.</summary>
    public string? Category { get; init; }

    /// <summary>The severity, such as <c>Low</c>, <c>Medium</c>, <c>High</c>.</summary>
    public string? Severity { get; init; }

    /// <summary>When the problem was reported, UTC.</summary>
    public DateTimeOffset? ReportedAt { get; init; }

    /// <summary>Whether the problem blocks completion of the work.</summary>
    public bool BlocksCompletion { get; init; }
}
