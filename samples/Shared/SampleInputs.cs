using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Payloads;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Samples;

/// <summary>
/// What the Ordinavo backend hands the publisher: the records behind each event of the sample day, including what
/// must never leave Ordinavo (e-mail, phone, coordinates, access codes, notes, prices, the full report text). The
/// data is the sample day of <see cref="WebhookSamples"/> (the contract snapshots), mapped back to backend records.
/// </summary>
internal static class SampleInputs
{
    /// <summary>The source system the sample subscriptions are set up for (their external ids are sent).</summary>
    public const string SourceSystem = "service_erp";

    private static readonly WebhookSampleOptions Everything = new()
    {
        IncludeCustomerContext = true,
        IncludeContactDetails = true,
        IncludeSummaryPreview = true,
        IncludeBillingDetails = true,
    };

    /// <summary>
    /// The backend input of the sample event of <paramref name="type"/>, with a new event id (publishing is idempotent
    /// by event id, so every run publishes new events) and optionally another time.
    /// </summary>
    public static WebhookEventInput For(WebhookEventType type, DateTimeOffset? occurredAt = null)
    {
        var sample = WebhookSamples.For(type, Everything);
        var tenant = sample.TenantId;
        return new WebhookEventInput
        {
            EventType = type,
            EventId = WebhookIdentifiers.NewEventId(),
            OccurredAt = occurredAt ?? sample.OccurredAt,
            TenantId = tenant,
            Customer = sample.Customer is { } c ? new CustomerRecord
            {
                TenantId = tenant,
                Id = c.OrdinavoCustomerId,
                ExternalIds = Ids(c.ExternalId),
                CustomerNumber = c.CustomerNumber,
                Name = c.Name,
                ApiKey = "sk_live_4f9c2a71e3b84d0c9a1f",
                InternalNotes = "Pays late; escalate to Mr. Krause before any price discussion.",
            } : null,
            Location = sample.Location is { } l ? new LocationRecord
            {
                TenantId = tenant,
                Id = l.OrdinavoLocationId,
                ExternalIds = Ids(l.ExternalId),
                Name = l.Name,
                Street = "Kruppstrasse 82",
                PostalCode = "45128",
                City = l.City,
                Latitude = 51.4475,
                Longitude = 7.0079,
                AccessCode = "Key safe 4711",
            } : null,
            Contact = sample.Contact is { } p ? new ContactRecord
            {
                TenantId = tenant,
                Id = p.OrdinavoContactId,
                ExternalIds = Ids(p.ExternalId),
                DisplayName = p.DisplayName,
                Email = "anna.weber@rrm-supply.example",
                Phone = "+49 201 1234567",
            } : null,
            Target = sample.Target is { } t ? new TargetRecord
            {
                TenantId = tenant,
                Id = t.Id,
                ExternalIds = Ids(t.ExternalId),
                Title = t.Title,
                Status = t.Status,
                FollowUpOfTargetId = t.FollowUpOfTargetId,
                LegacyCustomerNumber = "K-0815-LEGACY",
                Description = "Annual maintenance; access via the loading dock, ask for the key at the gate.",
            } : null,
            Appointment = sample.Appointment is { } a ? new AppointmentRecord
            {
                TenantId = tenant,
                Id = a.Id,
                Status = a.Status,
                PlannedStart = a.PlannedStart,
                PlannedEnd = a.PlannedEnd,
                ActualStart = a.ActualStart,
                ActualEnd = a.ActualEnd,
                RouteId = a.RouteId,
                CancellationReasonCode = a.CancellationReasonCode,
                CancellationComment = a.CancellationReasonCode is null ? null : "Customer called: site closed for inventory.",
                AssignedEmployeeName = "Jonas Becker",
            } : null,
            Route = sample.Route is { } r ? new RouteRecord
            {
                TenantId = tenant,
                Id = r.Id,
                Status = r.Status,
                RouteDate = r.RouteDate is { } date ? DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture) : null,
                AppointmentIds = r.AppointmentIds,
                PlannedStart = r.PlannedStart,
                PlannedEnd = r.PlannedEnd,
                PublishedAt = r.PublishedAt,
                EmployeeName = "Jonas Becker",
            } : null,
            VisitReport = sample.VisitReport is { } v ? new VisitReportRecord
            {
                TenantId = tenant,
                Id = v.Id,
                Title = v.Title,
                Status = v.Status,
                Result = v.Result,
                FollowUpRequired = v.FollowUpRequired,
                IsBillable = v.IsBillable,
                BillingStatus = v.BillingStatus,
                AttachmentCount = v.AttachmentCount,
                SubmittedAt = v.SubmittedAt,
                ApprovedAt = v.ApprovedAt,
                Summary = v.Id == 901 ? MaintenanceSummary : InspectionSummary,
                InternalNotes = "Technician asked for a second pair of hands next year.",
            } : null,
            Billing = sample.Billing is { } b ? new BillingTriggerRecord
            {
                TenantId = tenant,
                Id = b.Id,
                Status = b.Status,
                VisitReportId = b.VisitReportId,
                CreatedAt = b.CreatedAt,
                FailureCode = b.FailureCode,
                ServiceCode = b.Details?.ServiceCode,
                WorkDurationMinutes = b.Details?.WorkDurationMinutes,
                TravelDurationMinutes = b.Details?.TravelDurationMinutes,
                MaterialLineCount = b.Details?.MaterialLineCount,
                CustomerOrderReference = b.Details?.CustomerOrderReference,
                CostCenter = b.Details?.CostCenter,
                NetAmount = 412.50m,
                TaxRate = 0.19m,
                TaxAmount = 78.38m,
                GrossTotal = 490.88m,
                Currency = "EUR",
                InvoiceNumber = "RE-2026-11873",
            } : null,
            Problem = sample.Problem is { } x ? new ProblemRecord
            {
                TenantId = tenant,
                Id = x.Id,
                Code = x.Code,
                Category = x.Category,
                Severity = x.Severity,
                ReportedAt = x.ReportedAt,
                BlocksCompletion = x.BlocksCompletion,
                Description = "Gate closed, waited for the caretaker (mobile +49 171 5550199).",
            } : null,
        };
    }

    // The full report text the technician typed: only a redacted, shortened preview may ever be sent.
    private const string MaintenanceSummary =
        "Annual maintenance of the steam sterilizer done. Door seal replaced, test cycle passed. Invoice contact: " +
        "anna.weber@rrm-supply.example, phone +49 201 1234567. Next service due in twelve months; the second unit " +
        "needs a new door gasket, which is on order with the manufacturer.";

    private const string InspectionSummary =
        "Cold room 2 holds +9 instead of +4 degrees; compressor relay faulty. Goods moved to cold room 1. Relay to be replaced.";

    private static Dictionary<string, string>? Ids(string? externalId) =>
        externalId is null ? null : new Dictionary<string, string> { [SourceSystem] = externalId };
}
