using System;
using System.Collections.Generic;

namespace Ordinavo.Webhooks.Payloads;

/// <summary>A route: the ordered appointments of one employee on one day.</summary>
public sealed class RouteRecord : PayloadRecord
{
    /// <summary>Ordinavo's id of the route.</summary>
    public required long Id { get; init; }

    /// <summary>The status, such as <c>Suggested</c> or <c>Published</c>.</summary>
    public string? Status { get; init; }

    /// <summary>The day of the route.</summary>
    public DateOnly? RouteDate { get; init; }

    /// <summary>The appointments on the route, in route order (their count is the stop count).</summary>
    public IReadOnlyList<long>? AppointmentIds { get; init; }

    /// <summary>Planned start of the route.</summary>
    public DateTimeOffset? PlannedStart { get; init; }

    /// <summary>Planned end of the route.</summary>
    public DateTimeOffset? PlannedEnd { get; init; }

    /// <summary>When the route was published to the employee.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>The name of the employee driving the route. Never sent.</summary>
    public string? EmployeeName { get; init; }
}
