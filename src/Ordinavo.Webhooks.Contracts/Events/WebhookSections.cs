using System;

namespace Ordinavo.Webhooks.Contracts;

/// <summary>The sections of a webhook body (contract section 2), as flags.</summary>
[Flags]
public enum WebhookSections
{
    /// <summary>No section.</summary>
    None = 0,

    /// <summary><c>customer</c>: the customer record (ids, customer number, name).</summary>
    Customer = 1 << 0,

    /// <summary><c>location</c>: the site (ids, name, city, whether coordinates exist).</summary>
    Location = 1 << 1,

    /// <summary><c>contact</c>: the operational contact (ids and display name only).</summary>
    Contact = 1 << 2,

    /// <summary><c>target</c>: the imported work item.</summary>
    Target = 1 << 3,

    /// <summary><c>appointment</c>: a scheduled visit.</summary>
    Appointment = 1 << 4,

    /// <summary><c>route</c>: a route of appointments for one employee and day.</summary>
    Route = 1 << 5,

    /// <summary><c>visitReport</c>: the report documenting a visit.</summary>
    VisitReport = 1 << 6,

    /// <summary><c>billing</c>: a billing trigger event (never an invoice).</summary>
    Billing = 1 << 7,

    /// <summary><c>problem</c>: a reported problem or rejection, as codes (no free text).</summary>
    Problem = 1 << 8,

    /// <summary><c>summaryPreview</c>: a shortened, redacted report summary (opt-in per subscription).</summary>
    SummaryPreview = 1 << 9,

    /// <summary>The customer context: <see cref="Customer"/>, <see cref="Location"/> and <see cref="Contact"/>.</summary>
    CustomerContext = Customer | Location | Contact,
}
