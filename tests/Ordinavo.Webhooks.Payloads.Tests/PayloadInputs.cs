using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Payloads;

namespace Ordinavo.Webhooks.Payloads.Tests;

/// <summary>
/// Realistic backend inputs for all 24 event types, consistent with the seed documents (tenant-123, Rhein-Ruhr Medical
/// Supply, Essen Center, Anna Weber, target 455 JOB-2026-000918, visit report 901). Every record carries IDs of two
/// source systems (<see cref="SourceSystem"/> and <see cref="OtherSourceSystem"/>) and everything a real backend holds
/// that must never be sent. With <c>canary: true</c> every such field holds a unique marker listed in
/// <see cref="CanaryMarkers"/>.
/// </summary>
public static class PayloadInputs
{
    public const string TenantId = "tenant-123";
    public const string OtherTenantId = "tenant-456";
    public const string EventId = "evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C";
    public const string SourceSystem = "logistics_erp";
    public const string OtherSourceSystem = "legacy_crm";
    public const string CanarySummaryHead = "CANARY-SUMMARY-HEAD";

    public static readonly DateTimeOffset OccurredAt = new(2026, 6, 18, 16, 40, 0, TimeSpan.Zero);

    /// <summary>The realistic summary of visit report 901 (longer than 200 characters, with an e-mail and a phone).</summary>
    public const string ReportSummary =
        "Replaced the filter cartridge and the pressure sensor on pump P-3.\n\nAnna Weber asked for the maintenance log " +
        "by e-mail to anna.weber@rrm-supply.de; call her back on +49 201 1234567 before the next visit.   Pressure test " +
        "passed at 4.2 bar, no leaks. Spare parts for the second unit are on order.";

    /// <summary>Every marker the canary input holds in a field that must never be sent.</summary>
    public static IReadOnlyList<string> CanaryMarkers { get; } =
    [
        "CANARY-NOTE-CUSTOMER", "CANARY-NOTE-LOCATION", "CANARY-NOTE-CONTACT", "CANARY-NOTE-TARGET",
        "CANARY-NOTE-APPOINTMENT", "CANARY-NOTE-ROUTE", "CANARY-NOTE-REPORT", "CANARY-NOTE-BILLING", "CANARY-NOTE-PROBLEM",
        "CANARY-XID-CUSTOMER", "CANARY-XID-LOCATION", "CANARY-XID-CONTACT", "CANARY-XID-TARGET",
        "CANARY-XID-APPOINTMENT", "CANARY-XID-ROUTE", "CANARY-XID-REPORT", "CANARY-XID-BILLING", "CANARY-XID-PROBLEM",
        "CANARY-APIKEY", "CANARY-STREET", "CANARY-POSTAL", "CANARY-ACCESS-CODE", "51.4556781234", "7.0115671234",
        "canary.mailbox.q7", "CANARY-CONTACT-PHONE", "CANARY-LEGACY-CUSTOMER-NUMBER", "CANARY-TARGET-DESCRIPTION",
        "CANARY-CANCEL-COMMENT", "CANARY-EMPLOYEE-APPOINTMENT", "CANARY-EMPLOYEE-ROUTE", "CANARY-PROBLEM-DESCRIPTION",
        "9876.54321", "17.3219", "1711.01234", "11587.55555", "CANARY-CURRENCY", "CANARY-INVOICE-NUMBER",
        "CANARY-SUMMARY-TAIL", "canary.report.mail", "5550199", "5407 3249", "54073249",
    ];

    /// <summary>The 24 event types of the contract, for theories.</summary>
    public static TheoryData<string> EventTypes
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var descriptor in WebhookEventCatalog.All)
            {
                data.Add(descriptor.Type.Value);
            }

            return data;
        }
    }

    /// <summary>An input for <paramref name="type"/> with a record for every section the type may carry.</summary>
    public static WebhookEventInput For(WebhookEventType type, bool canary = false)
    {
        var sections = WebhookEventCatalog.Get(type).Sections;
        return new WebhookEventInput
        {
            EventType = type,
            OccurredAt = OccurredAt,
            TenantId = TenantId,
            EventId = EventId,
            Customer = Has(sections, WebhookSections.Customer) ? Customer(canary) : null,
            Location = Has(sections, WebhookSections.Location) ? Location(canary) : null,
            Contact = Has(sections, WebhookSections.Contact) ? Contact(canary) : null,
            Target = Has(sections, WebhookSections.Target) ? Target(type, canary) : null,
            Appointment = Has(sections, WebhookSections.Appointment) ? Appointment(type, canary) : null,
            Route = Has(sections, WebhookSections.Route) ? Route(type, canary) : null,
            VisitReport = Has(sections, WebhookSections.VisitReport) ? VisitReport(type, canary) : null,
            Billing = Has(sections, WebhookSections.Billing) ? Billing(type, canary) : null,
            Problem = Has(sections, WebhookSections.Problem) ? Problem(type, canary) : null,
        };
    }

    /// <summary>An input for <paramref name="type"/> with every record, including those the type does not carry.</summary>
    public static WebhookEventInput WithAllRecords(WebhookEventType type, bool canary = false) => new()
    {
        EventType = type,
        OccurredAt = OccurredAt,
        TenantId = TenantId,
        EventId = EventId,
        Customer = Customer(canary),
        Location = Location(canary),
        Contact = Contact(canary),
        Target = Target(type, canary),
        Appointment = Appointment(type, canary),
        Route = Route(type, canary),
        VisitReport = VisitReport(type, canary),
        Billing = Billing(type, canary),
        Problem = Problem(type, canary),
    };

    /// <summary>The profile of the seed's subscription: default options, source system logistics_erp, billing feature off.</summary>
    public static WebhookPayloadProfile DefaultProfile() => new() { SourceSystem = SourceSystem };

    /// <summary>A profile with the given options, the seed's source system and the tenant's billing feature on.</summary>
    public static WebhookPayloadProfile Profile(bool customerContext, bool contactDetails, bool summaryPreview, bool billingDetails) => new()
    {
        SourceSystem = SourceSystem,
        BillingWebhooksEnabled = true,
        Options = new WebhookPayloadOptions
        {
            IncludeCustomerContext = customerContext,
            IncludeContactDetails = contactDetails,
            IncludeSummaryPreview = summaryPreview,
            IncludeBillingDetails = billingDetails,
        },
    };

    /// <summary>All 16 combinations of the four options, as (customerContext, contactDetails, summaryPreview, billingDetails).</summary>
    public static IEnumerable<(bool Context, bool Contact, bool Summary, bool Billing)> OptionCombinations()
    {
        for (var bits = 0; bits < 16; bits++)
        {
            yield return ((bits & 8) == 0, (bits & 4) == 0, (bits & 2) != 0, (bits & 1) != 0);
        }
    }

    /// <summary>
    /// <see cref="For"/> with German names in the customer, location and contact (umlauts and ß: text outside ASCII),
    /// the case the contract writes as UTF-8 bytes rather than <c>\u</c> escapes.
    /// </summary>
    public static WebhookEventInput German(WebhookEventType type)
    {
        var input = For(type);
        return new WebhookEventInput
        {
            EventType = input.EventType,
            OccurredAt = input.OccurredAt,
            TenantId = input.TenantId,
            EventId = input.EventId,
            Customer = input.Customer is null ? null : new CustomerRecord
            {
                TenantId = TenantId,
                Id = 12,
                ExternalIds = Ids("CUST-10042", "CRM-77812"),
                CustomerNumber = "MSK-001",
                Name = "Müller Sanitätshaus Köln",
            },
            Location = input.Location is null ? null : new LocationRecord
            {
                TenantId = TenantId,
                Id = 34,
                ExternalIds = Ids("LOC-KOELN-01", "CRM-SITE-5532"),
                Name = "Filiale Köln-Süd",
                Street = "Bonner Straße 12",
                PostalCode = "50677",
                City = "Köln",
            },
            Contact = input.Contact is null ? null : new ContactRecord
            {
                TenantId = TenantId,
                Id = 56,
                ExternalIds = Ids("CONT-44", "CRM-P-9001"),
                DisplayName = "Jürgen Weiß",
            },
            Target = input.Target,
            Appointment = input.Appointment,
            Route = input.Route,
            VisitReport = input.VisitReport,
            Billing = input.Billing,
            Problem = input.Problem,
        };
    }

    public static IReadOnlyDictionary<string, string> Ids(string ownId, string otherId) =>
        new Dictionary<string, string> { [SourceSystem] = ownId, [OtherSourceSystem] = otherId };

    public static CustomerRecord Customer(bool canary = false, string tenantId = TenantId) => new()
    {
        TenantId = tenantId,
        Id = 12,
        ExternalIds = Ids("CUST-10042", canary ? "CANARY-XID-CUSTOMER" : "CRM-77812"),
        CustomerNumber = "RRM-001",
        Name = "Rhein-Ruhr Medical Supply",
        ApiKey = canary ? "CANARY-APIKEY" : "sk_live_4f9c2a71e3b84d0c9a1f",
        InternalNotes = canary ? "CANARY-NOTE-CUSTOMER" : "Pays late; escalate to Mr. Krause before any price discussion.",
    };

    public static LocationRecord Location(bool canary = false, string tenantId = TenantId) => new()
    {
        TenantId = tenantId,
        Id = 34,
        ExternalIds = Ids("LOC-ESSEN-01", canary ? "CANARY-XID-LOCATION" : "CRM-SITE-5531"),
        Name = "Essen Center",
        Street = canary ? "CANARY-STREET" : "Kruppstraße 82",
        PostalCode = canary ? "CANARY-POSTAL" : "45128",
        City = "Essen",
        Latitude = canary ? 51.4556781234 : 51.4475,
        Longitude = canary ? 7.0115671234 : 7.0079,
        AccessCode = canary ? "CANARY-ACCESS-CODE" : "Key safe 4711",
        InternalNotes = canary ? "CANARY-NOTE-LOCATION" : "Loading dock closed on Fridays.",
    };

    public static ContactRecord Contact(bool canary = false, string tenantId = TenantId) => new()
    {
        TenantId = tenantId,
        Id = 56,
        ExternalIds = Ids("CONT-44", canary ? "CANARY-XID-CONTACT" : "CRM-P-9001"),
        DisplayName = "Anna Weber",
        Email = canary ? "canary.mailbox.q7@example.com" : "anna.weber@rrm-supply.de",
        Phone = canary ? "CANARY-CONTACT-PHONE" : "+49 201 1234567",
        InternalNotes = canary ? "CANARY-NOTE-CONTACT" : "Prefers calls after 10am.",
    };

    public static TargetRecord Target(WebhookEventType type, bool canary = false, string tenantId = TenantId)
    {
        var followUp = type == WebhookEventType.TargetFollowUpCreated;
        return new TargetRecord
        {
            TenantId = tenantId,
            Id = followUp ? 456 : 455,
            ExternalIds = Ids(followUp ? "JOB-2026-000931" : "JOB-2026-000918", canary ? "CANARY-XID-TARGET" : "CRM-ORDER-3391"),
            Title = followUp ? "Follow-up: second pump unit" : "Maintenance visit",
            Status = TargetStatus(type),
            FollowUpOfTargetId = followUp ? 455 : null,
            LegacyCustomerNumber = canary ? "CANARY-LEGACY-CUSTOMER-NUMBER" : "K-0815-LEGACY",
            Description = canary ? "CANARY-TARGET-DESCRIPTION" : "Annual maintenance of pumps P-3 and P-4, access via loading dock.",
            InternalNotes = canary ? "CANARY-NOTE-TARGET" : "Imported from the old ERP; check the contract number.",
        };
    }

    public static AppointmentRecord Appointment(WebhookEventType type, bool canary = false, string tenantId = TenantId)
    {
        var value = type.Value;
        var started = value is "appointment.started" or "appointment.completed" or "appointment.problem_reported" or "target.completed"
            || type.Category == WebhookEventCategory.VisitReport;
        var completed = value is "appointment.completed" or "target.completed" || type.Category == WebhookEventCategory.VisitReport;
        return new AppointmentRecord
        {
            TenantId = tenantId,
            Id = 441,
            ExternalIds = Ids("APT-2026-441", canary ? "CANARY-XID-APPOINTMENT" : "CRM-APT-18822"),
            Status = value switch
            {
                "appointment.cancelled" => "Cancelled",
                _ when completed => "Completed",
                _ when started => "Started",
                _ => "Scheduled",
            },
            PlannedStart = new DateTimeOffset(2026, 6, 18, 14, 0, 0, TimeSpan.Zero),
            PlannedEnd = new DateTimeOffset(2026, 6, 18, 15, 30, 0, TimeSpan.Zero),
            ActualStart = started ? new DateTimeOffset(2026, 6, 18, 14, 5, 0, TimeSpan.Zero) : null,
            ActualEnd = completed ? new DateTimeOffset(2026, 6, 18, 15, 20, 0, TimeSpan.Zero) : null,
            RouteId = 77,
            CancellationReasonCode = value == "appointment.cancelled" ? "customer_request" : null,
            CancellationComment = canary ? "CANARY-CANCEL-COMMENT" : "Customer called: site closed for inventory.",
            AssignedEmployeeName = canary ? "CANARY-EMPLOYEE-APPOINTMENT" : "Jonas Becker",
            InternalNotes = canary ? "CANARY-NOTE-APPOINTMENT" : "Bring the long ladder.",
        };
    }

    public static RouteRecord Route(WebhookEventType type, bool canary = false, string tenantId = TenantId) => new()
    {
        TenantId = tenantId,
        Id = 77,
        ExternalIds = Ids("ROUTE-2026-06-18-JB", canary ? "CANARY-XID-ROUTE" : "CRM-R-77"),
        Status = type == WebhookEventType.RoutePublished ? "Published" : "Suggested",
        RouteDate = new DateOnly(2026, 6, 18),
        AppointmentIds = [439, 441, 442],
        PlannedStart = new DateTimeOffset(2026, 6, 18, 7, 0, 0, TimeSpan.Zero),
        PlannedEnd = new DateTimeOffset(2026, 6, 18, 16, 0, 0, TimeSpan.Zero),
        PublishedAt = type == WebhookEventType.RoutePublished ? new DateTimeOffset(2026, 6, 17, 15, 0, 0, TimeSpan.Zero) : null,
        EmployeeName = canary ? "CANARY-EMPLOYEE-ROUTE" : "Jonas Becker",
        InternalNotes = canary ? "CANARY-NOTE-ROUTE" : "Avoid the A40 in the morning.",
    };

    public static VisitReportRecord VisitReport(WebhookEventType type, bool canary = false, string tenantId = TenantId)
    {
        var value = type.Value;
        var billing = type.Category == WebhookEventCategory.Billing;
        var approved = billing || value is "visit_report.approved" or "visit_report.follow_up_required" or "target.follow_up_created";
        var submitted = approved || value is "visit_report.submitted" or "visit_report.rejected" or "visit_report.problem_reported";
        var followUp = value is "visit_report.follow_up_required" or "target.follow_up_created";
        return new VisitReportRecord
        {
            TenantId = tenantId,
            Id = 901,
            ExternalIds = Ids("VR-901", canary ? "CANARY-XID-REPORT" : "CRM-VR-5512"),
            Title = "Maintenance visit - Essen Center",
            Status = value switch
            {
                "visit_report.created" => "Draft",
                "visit_report.rejected" => "Rejected",
                _ when approved => "Approved",
                _ => "Submitted",
            },
            Result = followUp ? "PartiallySuccessful" : "Successful",
            FollowUpRequired = followUp,
            IsBillable = true,
            BillingStatus = value switch
            {
                "billing.event_ready" => "Ready",
                "billing.event_sent" => "Sent",
                _ => "NotReady",
            },
            AttachmentCount = 2,
            SubmittedAt = submitted ? new DateTimeOffset(2026, 6, 18, 15, 35, 0, TimeSpan.Zero) : null,
            ApprovedAt = approved ? new DateTimeOffset(2026, 6, 18, 16, 40, 0, TimeSpan.Zero) : null,
            Summary = canary ? CanarySummary() : ReportSummary,
            InternalNotes = canary ? "CANARY-NOTE-REPORT" : "Technician needed two attempts; check training.",
        };
    }

    public static BillingTriggerRecord Billing(WebhookEventType type, bool canary = false, string tenantId = TenantId) => new()
    {
        TenantId = tenantId,
        Id = 3001,
        ExternalIds = Ids("BILL-2026-3001", canary ? "CANARY-XID-BILLING" : "CRM-B-2201"),
        Status = type.Value switch
        {
            "billing.event_ready" => "Ready",
            "billing.event_sent" => "Sent",
            "billing.event_failed" => "Failed",
            _ => "Created",
        },
        VisitReportId = 901,
        CreatedAt = new DateTimeOffset(2026, 6, 18, 16, 41, 0, TimeSpan.Zero),
        FailureCode = type == WebhookEventType.BillingEventFailed ? "billing_system_unreachable" : null,
        ServiceCode = "MAINT-STD",
        WorkDurationMinutes = 75,
        TravelDurationMinutes = 30,
        MaterialLineCount = 3,
        CustomerOrderReference = "PO-RRM-2026-0612",
        CostCenter = "CC-ESSEN-410",
        NetAmount = canary ? 9876.54321m : 412.50m,
        TaxRate = canary ? 17.3219m : 19m,
        TaxAmount = canary ? 1711.01234m : 78.38m,
        GrossTotal = canary ? 11587.55555m : 490.88m,
        Currency = canary ? "CANARY-CURRENCY" : "EUR",
        InvoiceNumber = canary ? "CANARY-INVOICE-NUMBER" : "INV-2026-01733",
        InternalNotes = canary ? "CANARY-NOTE-BILLING" : "Discount agreed by phone, see CRM.",
    };

    public static ProblemRecord Problem(WebhookEventType type, bool canary = false, string tenantId = TenantId)
    {
        var (code, category, severity, blocks) = type.Value switch
        {
            "target.rejected" => ("missing_address", "Validation", "Medium", true),
            "appointment.problem_reported" => ("customer_not_present", "Access", "High", true),
            _ => ("spare_part_missing", "Material", "Medium", false),
        };
        return new ProblemRecord
        {
            TenantId = tenantId,
            Id = 71,
            ExternalIds = Ids("PRB-71", canary ? "CANARY-XID-PROBLEM" : "CRM-T-71"),
            Code = code,
            Category = category,
            Severity = severity,
            ReportedAt = new DateTimeOffset(2026, 6, 18, 14, 20, 0, TimeSpan.Zero),
            BlocksCompletion = blocks,
            Description = canary ? "CANARY-PROBLEM-DESCRIPTION" : "Nobody at the reception, Ms. Weber not reachable on her mobile.",
            InternalNotes = canary ? "CANARY-NOTE-PROBLEM" : "Second no-show this quarter.",
        };
    }

    /// <summary>
    /// The canary's report summary: a harmless head, personal data the preview must redact, and beyond any preview
    /// length a tail that must never be sent.
    /// </summary>
    public static string CanarySummary() =>
        CanarySummaryHead + " pump replaced. Mail canary.report.mail@example.com or canary.mailbox.q7@example.org, " +
        "phone +49 201 5550199, IBAN DE44 5001 0517 5407 3249 31 and DE44500105175407324931. " +
        string.Concat(Enumerable.Repeat("Checked the seals and valves again. ", 80)) + "CANARY-SUMMARY-TAIL";

    private static string TargetStatus(WebhookEventType type) => type.Value switch
    {
        "target.rejected" => "Rejected",
        "target.cancelled" => "Cancelled",
        "target.scheduled" => "Scheduled",
        "target.completed" => "Completed",
        _ when type.Category is WebhookEventCategory.Appointment => "Scheduled",
        _ when type.Category is WebhookEventCategory.VisitReport or WebhookEventCategory.Billing => "Completed",
        _ => "Imported",
    };

    private static bool Has(WebhookSections sections, WebhookSections section) => (sections & section) != 0;
}
