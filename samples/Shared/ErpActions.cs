using System.Globalization;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Samples;

/// <summary>What an ERP would do with each event: the sample handlers log this instead of touching a real system.</summary>
internal static class ErpActions
{
    public static string Describe(WebhookEvent e)
    {
        var target = e.Target is { } t ? $"job {t.Id}{(t.ExternalId is null ? "" : $" ({t.ExternalId})")}" : "the job";
        var appointment = e.Appointment is { } a ? $"appointment {a.Id}" : "the appointment";
        var report = e.VisitReport is { } v ? $"visit report {v.Id}" : "the visit report";
        var billing = e.Billing is { } b ? $"billing event {b.Id}" : "the billing event";
        var problem = e.Problem is { } p ? $"'{p.Code}' ({p.Severity})" : "a problem";
        var route = e.Route is { } r ? $"route {r.Id} ({r.StopCount} stops on {r.RouteDate})" : "the route";
        return e.EventType.Value switch
        {
            "target.imported" => $"would link {target} to Ordinavo target {e.Target?.Id}",
            "target.rejected" => $"would flag {target} as rejected: {problem}",
            "target.updated" => $"would update {target}",
            "target.cancelled" => $"would close {target} as cancelled",
            "target.scheduled" => $"would set {target} to scheduled for {When(e.Appointment?.PlannedStart)}",
            "target.completed" => $"would mark {target} as done",
            "target.follow_up_created" => $"would open a follow-up job for Ordinavo target {e.Target?.Id} (follow-up of {e.Target?.FollowUpOfTargetId})",
            "route.suggestion.created" => $"would note the suggested {route}",
            "route.published" => $"would show {route} in the dispatch board",
            "appointment.scheduled" => $"would book {appointment} for {When(e.Appointment?.PlannedStart)}",
            "appointment.started" => $"would mark {appointment} as in progress since {When(e.Appointment?.ActualStart)}",
            "appointment.completed" => $"would record {appointment} as completed at {When(e.Appointment?.ActualEnd)}",
            "appointment.problem_reported" => $"would open a ticket for {appointment}: {problem}",
            "appointment.cancelled" => $"would free the slot of {appointment} ({e.Appointment?.CancellationReasonCode})",
            "visit_report.created" => $"would wait for {report} to be submitted",
            "visit_report.submitted" => $"would queue {report} for review",
            "visit_report.approved" => $"would archive {report} as approved ({e.VisitReport?.AttachmentCount} attachments)",
            "visit_report.rejected" => $"would reopen {report}",
            "visit_report.follow_up_required" => $"would plan a follow-up for {report}",
            "visit_report.problem_reported" => $"would open a ticket for {report}: {problem}",
            "billing.event_created" => $"would reserve a billing slot for {report} ({billing})",
            "billing.event_ready" => $"would create billing draft for visit report {e.Billing?.VisitReportId}",
            "billing.event_sent" => $"would mark the billing draft for visit report {e.Billing?.VisitReportId} as sent",
            "billing.event_failed" => $"would alert accounting: {billing} failed ({e.Billing?.FailureCode})",
            _ => $"would ignore {e.EventType} (not used by this ERP)",
        };
    }

    private static string When(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "(no time)";
}
