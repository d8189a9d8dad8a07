using System;

namespace Ordinavo.Webhooks.Payloads;

/// <summary>
/// A billing trigger event: an approved, billable visit that may be relevant for the billing system. The backend record
/// may carry commercial figures; they are never sent (a billing trigger is not an invoice).
/// </summary>
public sealed class BillingTriggerRecord : PayloadRecord
{
    /// <summary>Ordinavo's id of the billing trigger event.</summary>
    public required long Id { get; init; }

    /// <summary>The status, such as <c>Created</c>, <c>Ready</c>, <c>Sent</c>, <c>Failed</c>.</summary>
    public string? Status { get; init; }

    /// <summary>The visit report that triggered the billing event.</summary>
    public long? VisitReportId { get; init; }

    /// <summary>When the billing trigger event was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>For a failed hand-over: the machine-readable reason code.</summary>
    public string? FailureCode { get; init; }

    /// <summary>Detail: the service performed, as the tenant's service code.</summary>
    public string? ServiceCode { get; init; }

    /// <summary>Detail: working time on site, in minutes.</summary>
    public int? WorkDurationMinutes { get; init; }

    /// <summary>Detail: travel time, in minutes.</summary>
    public int? TravelDurationMinutes { get; init; }

    /// <summary>Detail: how many material lines the visit report records.</summary>
    public int? MaterialLineCount { get; init; }

    /// <summary>Detail: the customer's order reference (purchase order number).</summary>
    public string? CustomerOrderReference { get; init; }

    /// <summary>Detail: the cost center the work is booked to.</summary>
    public string? CostCenter { get; init; }

    /// <summary>Net amount. Never sent.</summary>
    public decimal? NetAmount { get; init; }

    /// <summary>Tax rate. Never sent.</summary>
    public decimal? TaxRate { get; init; }

    /// <summary>Tax amount. Never sent.</summary>
    public decimal? TaxAmount { get; init; }

    /// <summary>Gross total. Never sent.</summary>
    public decimal? GrossTotal { get; init; }

    /// <summary>Currency of the amounts. Never sent.</summary>
    public string? Currency { get; init; }

    /// <summary>The invoice number, once the billing system issued one. Never sent.</summary>
    public string? InvoiceNumber { get; init; }
}
