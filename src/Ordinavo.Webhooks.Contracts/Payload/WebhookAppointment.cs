using System;

namespace Ordinavo.Webhooks.Contracts;

/// <summary>The <c>appointment</c> section: a scheduled visit, with planned and actual times.</summary>
public sealed record WebhookAppointment
{
    /// <summary>Ordinavo's id of the appointment.</summary>
    public long Id { get; init; }

    /// <summary>The appointment's id in the subscription's source system; absent when that system has none.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The status, such as <c>Scheduled</c>, <c>Started</c>, <c>Completed</c>, <c>Cancelled</c>.</summary>
    public string? Status { get; init; }

    /// <summary>Planned start, UTC.</summary>
    public DateTimeOffset? PlannedStart { get; init; }

    /// <summary>Planned end, UTC.</summary>
    public DateTimeOffset? PlannedEnd { get; init; }

    /// <summary>When the employee started the appointment, UTC.</summary>
    public DateTimeOffset? ActualStart { get; init; }

    /// <summary>When the employee completed the appointment, UTC.</summary>
    public DateTimeOffset? ActualEnd { get; init; }

    /// <summary>The route the appointment belongs to, when routed.</summary>
    public long? RouteId { get; init; }

    /// <summary>For a cancelled appointment: a machine-readable reason code, such as <c>customer_request</c>.</summary>
    public string? CancellationReasonCode { get; init; }
}
