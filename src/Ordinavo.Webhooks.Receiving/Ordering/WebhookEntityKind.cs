namespace Ordinavo.Webhooks.Receiving;

/// <summary>The kind of business entity an event is about, for stale-event detection.</summary>
public enum WebhookEntityKind
{
    /// <summary>A target (job); events <c>target.*</c>.</summary>
    Target = 1,

    /// <summary>A route; events <c>route.*</c>.</summary>
    Route = 2,

    /// <summary>An appointment; events <c>appointment.*</c>.</summary>
    Appointment = 3,

    /// <summary>A visit report; events <c>visit_report.*</c>.</summary>
    VisitReport = 4,

    /// <summary>A billing trigger event; events <c>billing.*</c>.</summary>
    Billing = 5,
}
