using System.Globalization;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Payloads;

/// <summary>
/// Copies the fields a section may show from a backend record, and nothing else. The output types have no field for
/// notes, secrets, coordinates, contact data, free text, legacy customer numbers or money, so nothing else can go out.
/// </summary>
internal static class SectionMapper
{
    public static WebhookCustomer Customer(CustomerRecord record, string? sourceSystem) => new()
    {
        OrdinavoCustomerId = record.Id,
        ExternalId = ExternalId(record, sourceSystem),
        CustomerNumber = record.CustomerNumber,
        Name = record.Name,
    };

    public static WebhookLocation Location(LocationRecord record, string? sourceSystem) => new()
    {
        OrdinavoLocationId = record.Id,
        ExternalId = ExternalId(record, sourceSystem),
        Name = record.Name,
        City = record.City,
        HasCoordinates = record.Latitude is not null && record.Longitude is not null,
    };

    public static WebhookContact Contact(ContactRecord record, string? sourceSystem) => new()
    {
        OrdinavoContactId = record.Id,
        ExternalId = ExternalId(record, sourceSystem),
        DisplayName = record.DisplayName,
    };

    public static WebhookTarget Target(TargetRecord record, string? sourceSystem)
    {
        var externalId = ExternalId(record, sourceSystem);
        return new WebhookTarget
        {
            Id = record.Id,
            ExternalId = externalId,
            SourceSystem = externalId is null ? null : sourceSystem,
            Title = record.Title,
            Status = record.Status,
            FollowUpOfTargetId = record.FollowUpOfTargetId,
        };
    }

    public static WebhookAppointment Appointment(AppointmentRecord record, string? sourceSystem) => new()
    {
        Id = record.Id,
        ExternalId = ExternalId(record, sourceSystem),
        Status = record.Status,
        PlannedStart = record.PlannedStart,
        PlannedEnd = record.PlannedEnd,
        ActualStart = record.ActualStart,
        ActualEnd = record.ActualEnd,
        RouteId = record.RouteId,
        CancellationReasonCode = record.CancellationReasonCode,
    };

    public static WebhookRoute Route(RouteRecord record) => new()
    {
        Id = record.Id,
        Status = record.Status,
        RouteDate = record.RouteDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        StopCount = record.AppointmentIds?.Count ?? 0,
        AppointmentIds = record.AppointmentIds is { } ids ? [.. ids] : null,
        PlannedStart = record.PlannedStart,
        PlannedEnd = record.PlannedEnd,
        PublishedAt = record.PublishedAt,
    };

    public static WebhookVisitReport VisitReport(VisitReportRecord record) => new()
    {
        Id = record.Id,
        Title = record.Title,
        Status = record.Status,
        Result = record.Result,
        FollowUpRequired = record.FollowUpRequired,
        IsBillable = record.IsBillable,
        BillingStatus = record.BillingStatus,
        AttachmentCount = record.AttachmentCount,
        SubmittedAt = record.SubmittedAt,
        ApprovedAt = record.ApprovedAt,
    };

    public static WebhookBilling Billing(BillingTriggerRecord record, string? sourceSystem, bool includeDetails) => new()
    {
        Id = record.Id,
        ExternalId = ExternalId(record, sourceSystem),
        Status = record.Status,
        VisitReportId = record.VisitReportId,
        CreatedAt = record.CreatedAt,
        FailureCode = record.FailureCode,
        Details = includeDetails
            ? new WebhookBillingDetails
            {
                ServiceCode = record.ServiceCode,
                WorkDurationMinutes = record.WorkDurationMinutes,
                TravelDurationMinutes = record.TravelDurationMinutes,
                MaterialLineCount = record.MaterialLineCount,
                CustomerOrderReference = record.CustomerOrderReference,
                CostCenter = record.CostCenter,
            }
            : null,
    };

    public static WebhookProblem Problem(ProblemRecord record) => new()
    {
        Id = record.Id,
        Code = record.Code,
        Category = record.Category,
        Severity = record.Severity,
        ReportedAt = record.ReportedAt,
        BlocksCompletion = record.BlocksCompletion,
    };

    /// <summary>The record's ID in <paramref name="sourceSystem"/>; never the ID of another system.</summary>
    private static string? ExternalId(PayloadRecord record, string? sourceSystem) =>
        sourceSystem is not null
        && record.ExternalIds is { } ids
        && ids.TryGetValue(sourceSystem, out var id)
        && !string.IsNullOrWhiteSpace(id)
            ? id
            : null;
}
