using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Payloads;

/// <summary>The JSON names of the sections, for messages.</summary>
internal static class SectionNames
{
    /// <summary>The sections that come from one input record each, in the order they are checked.</summary>
    public static readonly WebhookSections[] RecordSections =
    [
        WebhookSections.Customer,
        WebhookSections.Location,
        WebhookSections.Contact,
        WebhookSections.Target,
        WebhookSections.Appointment,
        WebhookSections.Route,
        WebhookSections.VisitReport,
        WebhookSections.Billing,
        WebhookSections.Problem,
    ];

    public static string Of(WebhookSections section) => section switch
    {
        WebhookSections.Customer => "customer",
        WebhookSections.Location => "location",
        WebhookSections.Contact => "contact",
        WebhookSections.Target => "target",
        WebhookSections.Appointment => "appointment",
        WebhookSections.Route => "route",
        WebhookSections.VisitReport => "visitReport",
        WebhookSections.Billing => "billing",
        WebhookSections.Problem => "problem",
        WebhookSections.SummaryPreview => "summaryPreview",
        _ => "unknown",
    };
}
