using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>A <c>visit_report.*</c> event: <see cref="VisitReport"/> is always there.</summary>
public sealed class VisitReportWebhookEvent : WebhookCategoryEvent
{
    internal VisitReportWebhookEvent(WebhookEvent webhookEvent)
        : base(webhookEvent) => VisitReport = Required(webhookEvent.VisitReport, webhookEvent, "visitReport");

    /// <summary>The visit report.</summary>
    public WebhookVisitReport VisitReport { get; }

    /// <summary>The target of the visit, when known.</summary>
    public WebhookTarget? Target => Event.Target;

    /// <summary>The appointment of the visit, when known.</summary>
    public WebhookAppointment? Appointment => Event.Appointment;
}
