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
}
