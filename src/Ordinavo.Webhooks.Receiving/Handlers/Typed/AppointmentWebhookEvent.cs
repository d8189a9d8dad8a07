using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>An <c>appointment.*</c> event: <see cref="Appointment"/> is always there.</summary>
public sealed class AppointmentWebhookEvent : WebhookCategoryEvent
{
    internal AppointmentWebhookEvent(WebhookEvent webhookEvent)
        : base(webhookEvent) => Appointment = Required(webhookEvent.Appointment, webhookEvent, "appointment");

    /// <summary>The appointment.</summary>
    public WebhookAppointment Appointment { get; }

    /// <summary>The target the appointment belongs to, when it has one.</summary>
    public WebhookTarget? Target => Event.Target;
}
