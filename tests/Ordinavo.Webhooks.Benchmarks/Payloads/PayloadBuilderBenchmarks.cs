using System;
using System.Buffers;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Payloads;

namespace Ordinavo.Webhooks.Benchmarks.Payloads;

/// <summary>
/// Issue 3: building and serializing a typical <c>visit_report.approved</c> (the seed's body: customer, location,
/// contact, target, visit report; default options; a logistics_erp subscription) into a reused buffer, against
/// serializing the already-built envelope with the same source-generated context into the same kind of buffer.
/// Target: at most 1.5x the baseline's time and at most 1 KiB allocated (the reused buffer allocates nothing).
/// 30 iterations, with min and median shown: on the shared 2-core machine the mean is easily skewed by other processes.
/// </summary>
[BenchmarkCategory("Payloads")]
[IterationCount(30)]
[MinColumn]
[MedianColumn]
public class PayloadBuilderBenchmarks
{
    private const string Tenant = "tenant-123";

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly WebhookPayloadProfile _defaultProfile = new() { SourceSystem = "logistics_erp" };
    private readonly WebhookPayloadProfile _everythingProfile = new()
    {
        SourceSystem = "logistics_erp",
        BillingWebhooksEnabled = true,
        Options = new WebhookPayloadOptions { IncludeSummaryPreview = true, IncludeBillingDetails = true },
    };

    private WebhookEventInput _input = null!;
    private WebhookEvent _built = null!;

    [GlobalSetup]
    public void Setup()
    {
        _input = TypicalApprovedReport();
        _built = WebhookPayloadBuilder.Build(_input, _defaultProfile);
    }

    [Benchmark(Baseline = true, Description = "Serialize built envelope")]
    public int SerializeBuiltEnvelope()
    {
        _buffer.ResetWrittenCount();
        WebhookEventSerializer.Serialize(_buffer, _built);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "Build + serialize (default options)")]
    public int BuildAndSerialize()
    {
        _buffer.ResetWrittenCount();
        WebhookPayloadBuilder.Write(_buffer, _input, _defaultProfile);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "Build only (no serialization)")]
    public WebhookEvent BuildOnly() => WebhookPayloadBuilder.Build(_input, _defaultProfile);

    [Benchmark(Description = "Build + serialize (summary preview on)")]
    public int BuildAndSerializeWithSummaryPreview()
    {
        _buffer.ResetWrittenCount();
        WebhookPayloadBuilder.Write(_buffer, _input, _everythingProfile);
        return _buffer.WrittenCount;
    }

    private static WebhookEventInput TypicalApprovedReport() => new()
    {
        EventType = WebhookEventType.VisitReportApproved,
        OccurredAt = new DateTimeOffset(2026, 6, 18, 16, 40, 0, TimeSpan.Zero),
        TenantId = Tenant,
        EventId = "evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C",
        Customer = new CustomerRecord
        {
            TenantId = Tenant, Id = 12, CustomerNumber = "RRM-001", Name = "Rhein-Ruhr Medical Supply",
            ExternalIds = Ids("CUST-10042", "CRM-77812"), ApiKey = "sk_live_4f9c2a71e3b84d0c9a1f",
            InternalNotes = "Pays late; escalate before any price discussion.",
        },
        Location = new LocationRecord
        {
            TenantId = Tenant, Id = 34, Name = "Essen Center", City = "Essen", Street = "Kruppstraße 82", PostalCode = "45128",
            Latitude = 51.4475, Longitude = 7.0079, ExternalIds = Ids("LOC-ESSEN-01", "CRM-SITE-5531"),
        },
        Contact = new ContactRecord
        {
            TenantId = Tenant, Id = 56, DisplayName = "Anna Weber", Email = "anna.weber@rrm-supply.de", Phone = "+49 201 1234567",
            ExternalIds = Ids("CONT-44", "CRM-P-9001"),
        },
        Target = new TargetRecord
        {
            TenantId = Tenant, Id = 455, Title = "Maintenance visit", LegacyCustomerNumber = "K-0815-LEGACY",
            ExternalIds = Ids("JOB-2026-000918", "CRM-ORDER-3391"),
        },
        VisitReport = new VisitReportRecord
        {
            TenantId = Tenant, Id = 901, Title = "Maintenance visit - Essen Center", Status = "Approved", Result = "Successful",
            IsBillable = true, BillingStatus = "NotReady", AttachmentCount = 2,
            Summary = "Replaced the filter cartridge and the pressure sensor on pump P-3.\n\nAnna Weber asked for the maintenance " +
                "log by e-mail to anna.weber@rrm-supply.de; call her back on +49 201 1234567 before the next visit. Pressure " +
                "test passed at 4.2 bar, no leaks. Spare parts for the second unit are on order.",
        },
    };

    private static Dictionary<string, string> Ids(string erp, string crm) =>
        new(StringComparer.Ordinal) { ["logistics_erp"] = erp, ["legacy_crm"] = crm };
}
