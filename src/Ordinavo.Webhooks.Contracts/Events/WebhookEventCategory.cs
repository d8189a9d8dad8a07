namespace Ordinavo.Webhooks.Contracts;

/// <summary>The business area an event type belongs to: the part of its name before the first dot.</summary>
public enum WebhookEventCategory
{
    /// <summary>An event type of a category this version of the package does not know.</summary>
    Unknown = 0,

    /// <summary><c>target.*</c>: imported work items (jobs, orders) and their life cycle.</summary>
    Target = 1,

    /// <summary><c>route.*</c>: route suggestions and published routes.</summary>
    Route = 2,

    /// <summary><c>appointment.*</c>: scheduled visits and their execution.</summary>
    Appointment = 3,

    /// <summary><c>visit_report.*</c>: reports documenting a visit, and their approval.</summary>
    VisitReport = 4,

    /// <summary><c>billing.*</c>: billing trigger events for downstream billing systems (never invoices).</summary>
    Billing = 5,
}
