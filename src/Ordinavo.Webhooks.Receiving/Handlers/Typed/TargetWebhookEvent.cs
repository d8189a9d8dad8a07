using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>A <c>target.*</c> event: <see cref="Target"/> is always there.</summary>
public sealed class TargetWebhookEvent : WebhookCategoryEvent
{
    internal TargetWebhookEvent(WebhookEvent webhookEvent)
        : base(webhookEvent) => Target = Required(webhookEvent.Target, webhookEvent, "target");

    /// <summary>The target.</summary>
    public WebhookTarget Target { get; }

    /// <summary>The appointment: on <c>target.scheduled</c>, and on <c>target.completed</c> when there was one.</summary>
    public WebhookAppointment? Appointment => Event.Appointment;
}
