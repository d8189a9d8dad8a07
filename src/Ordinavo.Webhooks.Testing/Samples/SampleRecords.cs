using System;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Testing;

/// <summary>
/// The records of the sample day (tenant <c>tenant-123</c>, 2026-06-15 to 2026-06-18, times in UTC; Essen is UTC+2):
/// target 455 is imported, scheduled as appointment 7731 on route 3120, visited, documented in visit report 901,
/// approved and handed to billing as billing trigger event 5501. Around it: target 456 is rejected on import, target
/// 457 and its appointment 7733 are cancelled, and the visit of target 458 (appointment 7729, report 902) finds a
/// defect that needs the follow-up target 459.
/// </summary>
internal static class SampleRecords
{
    public const string TenantId = "tenant-123";
    public const string SourceSystem = "service_erp";

    public static readonly WebhookCustomer Customer = new()
    {
        OrdinavoCustomerId = 12,
        ExternalId = "CUST-10042",
        CustomerNumber = "RRM-001",
        Name = "Rhein-Ruhr Medical Supply",
    };

    public static readonly WebhookLocation Location = new()
    {
        OrdinavoLocationId = 34,
        ExternalId = "LOC-ESSEN-01",
        Name = "Essen Center",
        City = "Essen",
        HasCoordinates = true,
    };

    public static readonly WebhookContact Contact = new()
    {
        OrdinavoContactId = 56,
        ExternalId = "CONT-44",
        DisplayName = "Anna Weber",
    };

    // Target 455: the maintenance visit the sample day is about.
    public static readonly WebhookTarget MaintenanceTarget = new()
    {
        Id = 455,
        ExternalId = "JOB-2026-000918",
        Title = "Maintenance visit",
    };

    public static readonly WebhookTarget RejectedTarget = new()
    {
        Id = 456,
        ExternalId = "JOB-2026-000919",
        SourceSystem = SourceSystem,
        Title = "Sterilizer installation",
        Status = "Rejected",
    };

    public static readonly WebhookTarget CancelledTarget = new()
    {
        Id = 457,
        ExternalId = "JOB-2026-000921",
        Title = "Filter replacement",
    };

    public static readonly WebhookTarget InspectionTarget = new()
    {
        Id = 458,
        ExternalId = "JOB-2026-000920",
        Title = "Cold storage inspection",
    };

    // Created in Ordinavo from report 902, so the source system has no id for it yet.
    public static readonly WebhookTarget FollowUpTarget = new()
    {
        Id = 459,
        Title = "Follow-up: Cold storage inspection",
        Status = "Created",
        FollowUpOfTargetId = 458,
    };

    public static readonly WebhookAppointment MaintenanceAppointment = new()
    {
        Id = 7731,
        Status = "Scheduled",
        PlannedStart = Utc(2026, 6, 18, 12, 0, 0),
        PlannedEnd = Utc(2026, 6, 18, 13, 30, 0),
    };

    public static readonly WebhookAppointment MaintenanceAppointmentRouted = MaintenanceAppointment with { RouteId = 3120 };

    public static readonly WebhookAppointment MaintenanceAppointmentStarted = MaintenanceAppointmentRouted with
    {
        Status = "Started",
        ActualStart = Utc(2026, 6, 18, 12, 4, 0),
    };

    public static readonly WebhookAppointment MaintenanceAppointmentCompleted = MaintenanceAppointmentStarted with
    {
        Status = "Completed",
        ActualEnd = Utc(2026, 6, 18, 13, 22, 0),
    };

    public static readonly WebhookAppointment CancelledAppointment = new()
    {
        Id = 7733,
        Status = "Cancelled",
        PlannedStart = Utc(2026, 6, 18, 14, 30, 0),
        PlannedEnd = Utc(2026, 6, 18, 15, 30, 0),
        RouteId = 3120,
        CancellationReasonCode = "customer_request",
    };

    public static readonly WebhookAppointment InspectionAppointment = new()
    {
        Id = 7729,
        Status = "Completed",
        PlannedStart = Utc(2026, 6, 18, 8, 0, 0),
        PlannedEnd = Utc(2026, 6, 18, 9, 0, 0),
        ActualStart = Utc(2026, 6, 18, 8, 6, 0),
        ActualEnd = Utc(2026, 6, 18, 9, 14, 0),
        RouteId = 3120,
    };

    public static readonly WebhookRoute SuggestedRoute = new()
    {
        Id = 3120,
        Status = "Suggested",
        RouteDate = "2026-06-18",
        StopCount = 4,
        AppointmentIds = [7728, 7729, 7731, 7733],
        PlannedStart = Utc(2026, 6, 18, 6, 30, 0),
        PlannedEnd = Utc(2026, 6, 18, 15, 45, 0),
    };

    public static readonly WebhookRoute PublishedRoute = SuggestedRoute with
    {
        Status = "Published",
        PublishedAt = Utc(2026, 6, 17, 16, 10, 0),
    };

    // Report 901 exactly as in the contract's example (the approved state).
    public static readonly WebhookVisitReport MaintenanceReport = new()
    {
        Id = 901,
        Title = "Maintenance visit - Essen Center",
        Status = "Approved",
        Result = "Successful",
        FollowUpRequired = false,
        IsBillable = true,
        BillingStatus = "NotReady",
        AttachmentCount = 2,
    };

    public static readonly WebhookVisitReport InspectionReport = new()
    {
        Id = 902,
        Title = "Cold storage inspection - Essen Center",
        Status = "Draft",
        Result = "PartiallySuccessful",
        FollowUpRequired = true,
        IsBillable = true,
        BillingStatus = "NotReady",
        AttachmentCount = 3,
    };

    public static readonly WebhookSummaryPreview MaintenanceSummary = new()
    {
        Text = "Annual maintenance of the steam sterilizer done. Door seal replaced, test cycle passed. Invoice contact: [email]",
        IsTruncated = true,
        IsRedacted = true,
    };

    public static readonly WebhookSummaryPreview InspectionSummary = new()
    {
        Text = "Cold room 2 holds +9 instead of +4 degrees; compressor relay faulty. Goods moved to cold room 1. Relay to be replaced.",
        IsTruncated = false,
        IsRedacted = false,
    };

    public static readonly WebhookBilling BillingEvent = new()
    {
        Id = 5501,
        Status = "Created",
        VisitReportId = 901,
        CreatedAt = Utc(2026, 6, 18, 16, 40, 5),
    };

    public static readonly WebhookBillingDetails BillingDetails = new()
    {
        ServiceCode = "MAINT-STD",
        WorkDurationMinutes = 78,
        TravelDurationMinutes = 35,
        MaterialLineCount = 3,
        CustomerOrderReference = "PO-2026-4471",
        CostCenter = "CC-ESSEN-200",
    };

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute, int second) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);
}
