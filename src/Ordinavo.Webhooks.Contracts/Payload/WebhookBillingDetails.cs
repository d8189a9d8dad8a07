namespace Ordinavo.Webhooks.Contracts;

/// <summary>
/// Operational details of a billing trigger event: what a billing system needs to prepare its own draft. Pricing,
/// taxation and totals are the billing system's business; they are never here.
/// </summary>
public sealed record WebhookBillingDetails
{
    /// <summary>The service performed, as the tenant's service code (for example <c>MAINT-STD</c>).</summary>
    public string? ServiceCode { get; init; }

    /// <summary>Working time on site, in minutes.</summary>
    public int? WorkDurationMinutes { get; init; }

    /// <summary>Travel time, in minutes.</summary>
    public int? TravelDurationMinutes { get; init; }

    /// <summary>How many material lines the visit report records.</summary>
    public int? MaterialLineCount { get; init; }

    /// <summary>The customer's order reference (purchase order number) for the work.</summary>
    public string? CustomerOrderReference { get; init; }

    /// <summary>The cost center the work is booked to.</summary>
    public string? CostCenter { get; init; }
}
