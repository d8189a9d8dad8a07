using System;
using System.Collections.Generic;

namespace Ordinavo.Webhooks.Contracts;

/// <summary>The <c>route</c> section: the ordered appointments of one employee on one day.</summary>
public sealed record WebhookRoute
{
    /// <summary>Ordinavo's id of the route.</summary>
    public long Id { get; init; }

    /// <summary>The status, such as <c>Suggested</c> or <c>Published</c>.</summary>
    public string? Status { get; init; }

    /// <summary>The day of the route, as <c>yyyy-MM-dd</c>.</summary>
    public string? RouteDate { get; init; }

    /// <summary>How many stops the route has.</summary>
    public int StopCount { get; init; }

    /// <summary>The appointments on the route, in route order.</summary>
    public IReadOnlyList<long>? AppointmentIds { get; init; }

    /// <summary>Planned start of the route, UTC.</summary>
    public DateTimeOffset? PlannedStart { get; init; }

    /// <summary>Planned end of the route, UTC.</summary>
    public DateTimeOffset? PlannedEnd { get; init; }

    /// <summary>When the route was published to the employee, UTC.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>Value equality, comparing <see cref="AppointmentIds"/> element by element.</summary>
    public bool Equals(WebhookRoute? other) =>
        other is not null
        && Id == other.Id
        && string.Equals(Status, other.Status, StringComparison.Ordinal)
        && string.Equals(RouteDate, other.RouteDate, StringComparison.Ordinal)
        && StopCount == other.StopCount
        && SameIds(AppointmentIds, other.AppointmentIds)
        && Nullable.Equals(PlannedStart, other.PlannedStart)
        && Nullable.Equals(PlannedEnd, other.PlannedEnd)
        && Nullable.Equals(PublishedAt, other.PublishedAt);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = Id.GetHashCode();
        hash = (hash * 31) + StopCount;
        hash = (hash * 31) + (AppointmentIds?.Count ?? -1);
        return (hash * 31) + (Status is null ? 0 : StringComparer.Ordinal.GetHashCode(Status));
    }

    private static bool SameIds(IReadOnlyList<long>? left, IReadOnlyList<long>? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null || left.Count != right.Count)
        {
            return false;
        }

        for (var i = 0; i < left.Count; i++)
        {
            if (left[i] != right[i])
            {
                return false;
            }
        }

        return true;
    }
}
