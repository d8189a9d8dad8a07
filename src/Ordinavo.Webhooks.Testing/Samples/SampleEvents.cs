using System;
using System.Collections.Generic;
using Ordinavo.Webhooks.Contracts;
using static Ordinavo.Webhooks.Testing.SampleRecords;

namespace Ordinavo.Webhooks.Testing;

/// <summary>
/// The full sample of every event type: every section its catalog entry allows, including the opt-in ones
/// (<c>summaryPreview</c>, <c>billing.details</c>). <see cref="WebhookSamples"/> removes what the payload options
/// leave out.
/// </summary>
internal static class SampleEvents
{
    public static IReadOnlyDictionary<WebhookEventType, WebhookEvent> Build()
    {
        var maintenanceContext = Context(MaintenanceTarget);
        var reportAppointment = MaintenanceAppointmentCompleted;
        var approvedBilling = MaintenanceReport;

        var events = new[]
        {
            Event(WebhookEventType.TargetImported, "evt_01KV51Z1D091N47JTP1MZBA2Y0", Utc(2026, 6, 15, 7, 12, 4)) with
            {
                Target = MaintenanceTarget with { SourceSystem = SourceSystem, Status = "Imported" },
            },
            Event(WebhookEventType.TargetRejected, "evt_01KV51Z698N9TAD279AVPBQBW5", Utc(2026, 6, 15, 7, 12, 9)) with
            {
                Target = RejectedTarget,
                Problem = new WebhookProblem
                {
                    Code = "missing_address",
                    Category = "Validation",
                    Severity = "High",
                    ReportedAt = Utc(2026, 6, 15, 7, 12, 9),
                    BlocksCompletion = true,
                },
            },
            Event(WebhookEventType.TargetUpdated, "evt_01KV7STH5RHPFMX94568JM9WJZ", Utc(2026, 6, 16, 8, 47, 31)) with
            {
                Target = MaintenanceTarget with { SourceSystem = SourceSystem, Status = "Imported" },
            },
            Event(WebhookEventType.TargetCancelled, "evt_01KVCNWRKGRJBF3WDEJVXPW5HC", Utc(2026, 6, 18, 6, 15, 2)) with
            {
                Target = CancelledTarget with { SourceSystem = SourceSystem, Status = "Cancelled" },
            },
            maintenanceContext(Event(WebhookEventType.TargetScheduled, "evt_01KV7Y8D70HJNTAVMMVN7QX80N", Utc(2026, 6, 16, 10, 5, 0))) with
            {
                Target = MaintenanceTarget with { SourceSystem = SourceSystem, Status = "Scheduled" },
                Appointment = MaintenanceAppointment,
            },
            maintenanceContext(Event(WebhookEventType.TargetCompleted, "evt_01KVDEAJ6051TC5VEXHE7317Z2", Utc(2026, 6, 18, 13, 22, 0))) with
            {
                Target = MaintenanceTarget with { SourceSystem = SourceSystem, Status = "Completed" },
                Appointment = MaintenanceAppointmentCompleted,
            },
            Context(InspectionTarget)(Event(WebhookEventType.TargetFollowUpCreated, "evt_01KVD0FKC8XQQS29TG2NCNPE97", Utc(2026, 6, 18, 9, 20, 5))) with
            {
                Target = FollowUpTarget,
                VisitReport = InspectionReport with { Status = "Submitted", SubmittedAt = Utc(2026, 6, 18, 9, 20, 0) },
            },
            Event(WebhookEventType.RouteSuggestionCreated, "evt_01KVB1H9C0TP67K18BC3HR9CTK", Utc(2026, 6, 17, 15, 0, 0)) with
            {
                Route = SuggestedRoute,
            },
            Event(WebhookEventType.RoutePublished, "evt_01KVB5HEY0QPZRF057E0E95J2R", Utc(2026, 6, 17, 16, 10, 0)) with
            {
                Route = PublishedRoute,
            },
            maintenanceContext(Event(WebhookEventType.AppointmentScheduled, "evt_01KV7Y8D70G4YTV7EAJH7VF5SJ", Utc(2026, 6, 16, 10, 5, 0))) with
            {
                Appointment = MaintenanceAppointment,
            },
            maintenanceContext(Event(WebhookEventType.AppointmentStarted, "evt_01KVD9VQW0K3RAKET148WNZJ5S", Utc(2026, 6, 18, 12, 4, 0))) with
            {
                Appointment = MaintenanceAppointmentStarted,
            },
            maintenanceContext(Event(WebhookEventType.AppointmentCompleted, "evt_01KVDEAJ607TPXKE8C2GBP6E75", Utc(2026, 6, 18, 13, 22, 0))) with
            {
                Appointment = MaintenanceAppointmentCompleted,
            },
            maintenanceContext(Event(WebhookEventType.AppointmentProblemReported, "evt_01KVDBZFV0GN39V8JDJ4YV81HB", Utc(2026, 6, 18, 12, 41, 0))) with
            {
                Appointment = MaintenanceAppointmentStarted,
                Problem = new WebhookProblem
                {
                    Id = 88,
                    Code = "site_access_delayed",
                    Category = "Access",
                    Severity = "Low",
                    ReportedAt = Utc(2026, 6, 18, 12, 41, 0),
                    BlocksCompletion = false,
                },
            },
            Context(CancelledTarget)(Event(WebhookEventType.AppointmentCancelled, "evt_01KVCNWPN0QY8X84FX5J0S5J0S", Utc(2026, 6, 18, 6, 15, 0))) with
            {
                Appointment = CancelledAppointment,
            },
            maintenanceContext(Event(WebhookEventType.VisitReportCreated, "evt_01KVDEG1Z0KNAQ66GZ4BBF331A", Utc(2026, 6, 18, 13, 25, 0))) with
            {
                Appointment = reportAppointment,
                VisitReport = MaintenanceReport with { Status = "Draft" },
                SummaryPreview = MaintenanceSummary,
            },
            maintenanceContext(Event(WebhookEventType.VisitReportSubmitted, "evt_01KVDGS9Q0AKKECP2Q0PY7N3AG", Utc(2026, 6, 18, 14, 5, 0))) with
            {
                Appointment = reportAppointment,
                VisitReport = MaintenanceReport with { Status = "Submitted", SubmittedAt = Utc(2026, 6, 18, 14, 5, 0) },
                SummaryPreview = MaintenanceSummary,
            },

            // Exactly the contract's example (wire-contract.md section 2, seeds 000/001): no appointment section.
            maintenanceContext(Event(WebhookEventType.VisitReportApproved, "evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C", Utc(2026, 6, 18, 16, 40, 0))) with
            {
                VisitReport = MaintenanceReport,
                SummaryPreview = MaintenanceSummary,
            },
            maintenanceContext(Event(WebhookEventType.VisitReportRejected, "evt_01KVDMGAA0MJY1ERDNJRM77S7V", Utc(2026, 6, 18, 15, 10, 0))) with
            {
                Appointment = reportAppointment,
                VisitReport = MaintenanceReport with { Status = "Rejected", SubmittedAt = Utc(2026, 6, 18, 14, 5, 0) },
                SummaryPreview = MaintenanceSummary,
            },
            Context(InspectionTarget)(Event(WebhookEventType.VisitReportFollowUpRequired, "evt_01KVD0FEG035WATCTXGNQ29MX8", Utc(2026, 6, 18, 9, 20, 0))) with
            {
                Appointment = InspectionAppointment,
                VisitReport = InspectionReport with { Status = "Submitted", SubmittedAt = Utc(2026, 6, 18, 9, 20, 0) },
                SummaryPreview = InspectionSummary,
            },
            Context(InspectionTarget)(Event(WebhookEventType.VisitReportProblemReported, "evt_01KVCZEFT0ZZAXAP6K3AXT8KT5", Utc(2026, 6, 18, 9, 2, 0))) with
            {
                Appointment = InspectionAppointment with { Status = "Started", ActualEnd = null },
                VisitReport = InspectionReport,
                Problem = new WebhookProblem
                {
                    Id = 89,
                    Code = "equipment_defect",
                    Category = "Safety",
                    Severity = "High",
                    ReportedAt = Utc(2026, 6, 18, 9, 2, 0),
                    BlocksCompletion = true,
                },
                SummaryPreview = InspectionSummary,
            },
            maintenanceContext(Event(WebhookEventType.BillingEventCreated, "evt_01KVDSN8M86Q10YHD4TKQS4WES", Utc(2026, 6, 18, 16, 40, 5))) with
            {
                VisitReport = approvedBilling,
                Billing = BillingEvent with { Details = BillingDetails },
            },
            maintenanceContext(Event(WebhookEventType.BillingEventReady, "evt_01KVDSY8Q0SH61QEY53M3ZFPWZ", Utc(2026, 6, 18, 16, 45, 0))) with
            {
                VisitReport = approvedBilling with { BillingStatus = "Ready" },
                Billing = BillingEvent with { Status = "Ready", Details = BillingDetails },
            },
            maintenanceContext(Event(WebhookEventType.BillingEventSent, "evt_01KVDVYBG0TQ6VCHAQ87KR3BTG", Utc(2026, 6, 18, 17, 20, 0))) with
            {
                VisitReport = approvedBilling with { BillingStatus = "Sent" },
                Billing = BillingEvent with { Status = "Sent", Details = BillingDetails },
            },
            maintenanceContext(Event(WebhookEventType.BillingEventFailed, "evt_01KVDT7DP0T6V7WNXHV52EAR9V", Utc(2026, 6, 18, 16, 50, 0))) with
            {
                VisitReport = approvedBilling with { BillingStatus = "Ready" },
                Billing = BillingEvent with { Status = "Failed", FailureCode = "billing_system_unreachable", Details = BillingDetails },
            },
        };

        var byType = new Dictionary<WebhookEventType, WebhookEvent>();
        foreach (var e in events)
        {
            byType.Add(e.EventType, e);
        }

        return byType;
    }

    private static WebhookEvent Event(WebhookEventType type, string eventId, DateTimeOffset occurredAt) => new()
    {
        EventId = eventId,
        EventType = type,
        OccurredAt = occurredAt,
        TenantId = TenantId,
    };

    // The customer context (customer, location, contact) and the target the event concerns.
    private static Func<WebhookEvent, WebhookEvent> Context(WebhookTarget target) => e => e with
    {
        Customer = Customer,
        Location = Location,
        Contact = Contact,
        Target = target,
    };
}
