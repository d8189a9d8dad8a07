using System;

namespace Ordinavo.Webhooks.Payloads;

/// <summary>An appointment (scheduled visit).</summary>
public sealed class AppointmentRecord : PayloadRecord
{
    /// <summary>Ordinavo's id of the appointment.</summary>
    public required long Id { get; init; }

    /// <summary>The status, such as <c>Scheduled</c>, <c>Started</c>, <c>Completed</c>, <c>Cancelled</c>.</summary>
    public string? Status { get; init; }

    /// <summary>Planned start.</summary>
    public DateTimeOffset? PlannedStart { get; init; }

    /// <summary>Planned end.</summary>
    public DateTimeOffset? PlannedEnd { get; init; }

    /// <summary>When the employee started the appointment.</summary>
    public DateTimeOffset? ActualStart { get; init; }

    /// <summary>When the employee completed the appointment.</summary>
    public DateTimeOffset? ActualEnd { get; init; }

    /// <summary>The route the appointment belongs to, when routed.</summary>
    public long? RouteId { get; init; }

    /// <summary>For a cancelled appointment: the machine-readable reason code (sent).</summary>
    public string? CancellationReasonCode { get; init; }

    /// <summary>For a cancelled appointment: the free-text comment. Never sent.</summary>
    public string? CancellationComment { get; init; }

    /// <summary>The name of the employee assigned to the appointment. Never sent.</summary>
    public string? AssignedEmployeeName { get; init; }
}
