using System;
using Ordinavo.Webhooks.Contracts;

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
