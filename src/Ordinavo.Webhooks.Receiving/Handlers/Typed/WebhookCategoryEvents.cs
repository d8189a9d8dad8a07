using System;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Contracts.Serialization;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>Which category each event view stands for, and how it is made.</summary>
internal static class WebhookCategoryEvents
{
    public static WebhookEventCategory CategoryOf(Type view) =>
        view == typeof(TargetWebhookEvent) ? WebhookEventCategory.Target
        : view == typeof(RouteWebhookEvent) ? WebhookEventCategory.Route
        : view == typeof(AppointmentWebhookEvent) ? WebhookEventCategory.Appointment
        : view == typeof(VisitReportWebhookEvent) ? WebhookEventCategory.VisitReport
        : view == typeof(BillingWebhookEvent) ? WebhookEventCategory.Billing
        : throw new ArgumentException($"{view.Name} is not an event view of the package.", nameof(view));

    public static WebhookCategoryEvent Create(Type view, WebhookEvent webhookEvent) => CategoryOf(view) switch
    {
        WebhookEventCategory.Target => new TargetWebhookEvent(webhookEvent),
        WebhookEventCategory.Route => new RouteWebhookEvent(webhookEvent),
        WebhookEventCategory.Appointment => new AppointmentWebhookEvent(webhookEvent),
        WebhookEventCategory.VisitReport => new VisitReportWebhookEvent(webhookEvent),
        _ => new BillingWebhookEvent(webhookEvent),
    };

    /// <summary>The category view of the context's event; a missing section is a bad body (400), not a handler failure.</summary>
    public static TEvent View<TEvent>(WebhookEventContext context)
        where TEvent : WebhookCategoryEvent
    {
        try
        {
            return (TEvent)Create(typeof(TEvent), context.Event);
        }
        catch (WebhookPayloadException error)
        {
            throw context.RejectPayload(error);
        }
    }

    /// <summary>The pattern of every type of a category: <c>visit_report.*</c>.</summary>
    public static string Pattern(WebhookEventCategory category) => category switch
    {
        WebhookEventCategory.Target => "target.*",
        WebhookEventCategory.Route => "route.*",
        WebhookEventCategory.Appointment => "appointment.*",
        WebhookEventCategory.VisitReport => "visit_report.*",
        _ => "billing.*",
    };
}
