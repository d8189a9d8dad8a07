using System;

namespace Ordinavo.Webhooks.Payloads;

/// <summary>A reported problem or a rejection.</summary>
public sealed class ProblemRecord : PayloadRecord
{
    /// <summary>Ordinavo's id of the problem report, when there is one.</summary>
    public long? Id { get; init; }

    /// <summary>A machine-readable code, such as <c>customer_not_present</c>.</summary>
    public string? Code { get; init; }

    /// <summary>The category, such as <c>Access</c>, <c>Material</c>, <c>Safety</c>, <c>Validation</c>.</summary>
    public string? Category { get; init; }

    /// <summary>The severity, such as <c>Low</c>, <c>Medium</c>, <c>High</c>.</summary>
    public string? Severity { get; init; }

    /// <summary>When the problem was reported.</summary>
    public DateTimeOffset? ReportedAt { get; init; }

    /// <summary>Whether the problem blocks completion of the work.</summary>
    public bool BlocksCompletion { get; init; }

    /// <summary>The employee's free-text description. Never sent.</summary>
    public string? Description { get; init; }
}
