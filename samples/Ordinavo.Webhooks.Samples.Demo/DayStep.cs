using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Samples.Demo;

/// <summary>One event of the demo day; <paramref name="Outage"/> takes the ERP down (503) for the next two requests first.</summary>
internal sealed record DayStep(WebhookEventType Type, DateTimeOffset? OccurredAt = null, bool Outage = false)
{
    /// <summary>The day the demo plays: job 455 from import to billing, a problem on site and a follow-up.</summary>
    public static IReadOnlyList<DayStep> Day { get; } =
    [
        new(WebhookEventType.TargetImported),
        new(WebhookEventType.TargetScheduled),
        new(WebhookEventType.RoutePublished),
        new(WebhookEventType.AppointmentStarted),
        new(WebhookEventType.AppointmentProblemReported),
        new(WebhookEventType.AppointmentCompleted),
        new(WebhookEventType.VisitReportSubmitted, Outage: true),
        new(WebhookEventType.VisitReportApproved),
        new(WebhookEventType.BillingEventCreated),
        new(WebhookEventType.BillingEventReady),
        new(WebhookEventType.BillingEventSent),
        // The follow-up of the morning's cold-storage inspection, created by the back office in the evening.
        new(WebhookEventType.TargetFollowUpCreated, new DateTimeOffset(2026, 6, 18, 17, 35, 0, TimeSpan.Zero)),
    ];
}
