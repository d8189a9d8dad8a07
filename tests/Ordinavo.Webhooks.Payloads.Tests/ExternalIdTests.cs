using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Payloads.Tests;

public sealed class ExternalIdTests
{
    private static readonly WebhookEventInput Input = PayloadInputs.WithAllRecords(WebhookEventType.BillingEventCreated);

    [Fact]
    public void TwoSourceSystems_EachSubscriptionSeesOnlyItsOwnIds()
    {
        var erp = WebhookPayloadBuilder.Build(Input, new WebhookPayloadProfile { SourceSystem = PayloadInputs.SourceSystem });
        var crm = WebhookPayloadBuilder.Build(Input, new WebhookPayloadProfile { SourceSystem = PayloadInputs.OtherSourceSystem });

        Assert.Equal("CUST-10042", erp.Customer!.ExternalId);
        Assert.Equal("LOC-ESSEN-01", erp.Location!.ExternalId);
        Assert.Equal("CONT-44", erp.Contact!.ExternalId);
        Assert.Equal("JOB-2026-000918", erp.Target!.ExternalId);
        Assert.Equal(PayloadInputs.SourceSystem, erp.Target.SourceSystem);
        Assert.Equal("BILL-2026-3001", erp.Billing!.ExternalId);

        Assert.Equal("CRM-77812", crm.Customer!.ExternalId);
        Assert.Equal("CRM-SITE-5531", crm.Location!.ExternalId);
        Assert.Equal("CRM-P-9001", crm.Contact!.ExternalId);
        Assert.Equal("CRM-ORDER-3391", crm.Target!.ExternalId);
        Assert.Equal(PayloadInputs.OtherSourceSystem, crm.Target.SourceSystem);
        Assert.Equal("CRM-B-2201", crm.Billing!.ExternalId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("sap_s4")]
    public void NoOrUnknownSourceSystem_ShowsNoExternalIdAtAll(string? sourceSystem)
    {
        var evt = WebhookPayloadBuilder.Build(Input, new WebhookPayloadProfile { SourceSystem = sourceSystem });

        Assert.Null(evt.Customer!.ExternalId);
        Assert.Null(evt.Location!.ExternalId);
        Assert.Null(evt.Contact!.ExternalId);
        Assert.Null(evt.Target!.ExternalId);
        Assert.Null(evt.Target.SourceSystem);
        Assert.Null(evt.Billing!.ExternalId);
        var body = WebhookEventSerializer.SerializeToString(evt);
        Assert.DoesNotContain("externalId", body, StringComparison.Ordinal);
        Assert.DoesNotContain("sourceSystem", body, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordWithoutAnIdInTheSubscriptionsSystem_ShowsNone_AndTheTargetNamesNoSystem()
    {
        var input = new WebhookEventInput
        {
            EventType = WebhookEventType.TargetImported,
            OccurredAt = PayloadInputs.OccurredAt,
            TenantId = PayloadInputs.TenantId,
            EventId = PayloadInputs.EventId,
            Target = new TargetRecord
            {
                TenantId = PayloadInputs.TenantId,
                Id = 455,
                Title = "Maintenance visit",
                ExternalIds = new Dictionary<string, string> { [PayloadInputs.OtherSourceSystem] = "CRM-ORDER-3391" },
            },
        };

        var target = WebhookPayloadBuilder.Build(input, PayloadInputs.DefaultProfile()).Target!;

        Assert.Equal(455, target.Id);
        Assert.Null(target.ExternalId);
        Assert.Null(target.SourceSystem);
    }
}
