using System;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Contracts.Serialization;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>
/// The typed view of an event of one category (<see cref="TargetWebhookEvent"/>, <see cref="RouteWebhookEvent"/>,
/// <see cref="AppointmentWebhookEvent"/>, <see cref="VisitReportWebhookEvent"/>, <see cref="BillingWebhookEvent"/>):
/// the section every event of the category carries (by the event catalog) is non-nullable; the others stay on
/// <see cref="Event"/>. Handed to an <see cref="IWebhookHandler{TEvent}"/>.
/// </summary>
public abstract class WebhookCategoryEvent
{
    private protected WebhookCategoryEvent(WebhookEvent webhookEvent) => Event = webhookEvent;

    /// <summary>The whole event, with every section it carries.</summary>
    public WebhookEvent Event { get; }

    /// <summary>The event id (<c>evt_</c> + ULID).</summary>
    public string EventId => Event.EventId;

    /// <summary>The event type.</summary>
    public WebhookEventType EventType => Event.EventType;

    /// <summary>When the business event happened.</summary>
    public DateTimeOffset OccurredAt => Event.OccurredAt;

    /// <summary>The tenant the event belongs to.</summary>
    public string TenantId => Event.TenantId;

    /// <summary>The problem section: present on <c>target.rejected</c> and the <c>*.problem_reported</c> types.</summary>
    public WebhookProblem? Problem => Event.Problem;

    private protected static T Required<T>(T? section, WebhookEvent webhookEvent, string name)
        where T : class =>
        section ?? throw new WebhookPayloadException(WebhookPayloadErrorReason.MissingRequiredProperty,
            $"The {webhookEvent.EventType} event has no '{name}' section, which every event of its category carries.", name);
}
