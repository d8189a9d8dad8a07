using System.Text.Json.Nodes;
using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Contracts.Tests.Samples;

public class WebhookSamplesTests
{
    // The contract's example body (wire-contract.md section 2; seeds 000 and 001).
    private const string ContractExample = """
        {
          "eventId": "evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C",
          "eventType": "visit_report.approved",
          "payloadVersion": "1.0",
          "occurredAt": "2026-06-18T16:40:00Z",
          "tenantId": "tenant-123",
          "source": "ordinavo",
          "customer":    { "ordinavoCustomerId": 12, "externalId": "CUST-10042", "customerNumber": "RRM-001", "name": "Rhein-Ruhr Medical Supply" },
          "location":    { "ordinavoLocationId": 34, "externalId": "LOC-ESSEN-01", "name": "Essen Center", "city": "Essen", "hasCoordinates": true },
          "contact":     { "ordinavoContactId": 56, "externalId": "CONT-44", "displayName": "Anna Weber" },
          "visitReport": { "id": 901, "title": "Maintenance visit - Essen Center", "status": "Approved", "result": "Successful",
                           "followUpRequired": false, "isBillable": true, "billingStatus": "NotReady", "attachmentCount": 2 },
          "target":      { "id": 455, "externalId": "JOB-2026-000918", "title": "Maintenance visit" }
        }
        """;

    private static readonly WebhookSampleOptions Everything = new() { IncludeSummaryPreview = true, IncludeBillingDetails = true };

    public static TheoryData<string> EventTypes() => [.. WebhookEventCatalog.All.Select(d => d.Type.Value)];

    [Fact]
    public void Visit_report_approved_sample_is_the_contract_example()
    {
        var body = JsonNode.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(WebhookSamples.For(WebhookEventType.VisitReportApproved)));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ContractExample), body), body!.ToJsonString());
    }

    [Fact]
    public void All_holds_one_sample_per_catalog_entry_in_catalog_order()
    {
        Assert.Equal(WebhookEventCatalog.All.Select(d => d.Type), WebhookSamples.All.Select(e => e.EventType));
        Assert.All(WebhookSamples.All, e => Assert.Same(e, WebhookSamples.For(e.EventType)));
    }

    [Fact]
    public void Samples_have_distinct_valid_event_ids_whose_time_is_when_the_event_occurred()
    {
        Assert.Equal(24, WebhookSamples.All.Select(e => e.EventId).Distinct(StringComparer.Ordinal).Count());
        foreach (var sample in WebhookSamples.All)
        {
            Assert.True(WebhookIdentifiers.TryParseEventId(sample.EventId, out var ulid), sample.EventId);
            Assert.Equal(TimeSpan.Zero, sample.OccurredAt.Offset);
            if (sample.EventType != WebhookEventType.VisitReportApproved)
            {
                // The contract example's id was made earlier than its occurredAt; every other sample id is made at occurredAt.
                Assert.Equal(sample.OccurredAt, ulid.Time);
            }
        }
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Sample_carries_its_required_sections_and_the_optional_ones_the_default_options_allow(string eventType)
    {
        var descriptor = WebhookEventCatalog.Get(WebhookEventType.Parse(eventType));
        var sample = WebhookSamples.For(descriptor.Type);

        var expected = descriptor.Sections & ~WebhookSections.SummaryPreview;
        if (descriptor.Type == WebhookEventType.VisitReportApproved)
        {
            expected &= ~WebhookSections.Appointment; // as in the contract example
        }

        Assert.Equal(expected, sample.PresentSections);
        Assert.Null(sample.Billing?.Details);
        Assert.Equal(WebhookSamples.TenantId, sample.TenantId);
        Assert.Equal(WebhookEvent.CurrentPayloadVersion, sample.PayloadVersion);
        Assert.Equal(WebhookEvent.OrdinavoSource, sample.Source);
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Payload_options_add_and_remove_exactly_their_sections(string eventType)
    {
        var type = WebhookEventType.Parse(eventType);
        var descriptor = WebhookEventCatalog.Get(type);
        var defaults = WebhookSamples.For(type);

        Assert.Equal(defaults, WebhookSamples.For(type, WebhookSampleOptions.Default));

        var everything = WebhookSamples.For(type, Everything);
        Assert.Equal(descriptor.Carries(WebhookSections.SummaryPreview), everything.SummaryPreview is not null);
        Assert.Equal(descriptor.RequiredSections.HasFlag(WebhookSections.Billing), everything.Billing?.Details is not null);
        Assert.Equal(defaults with { SummaryPreview = everything.SummaryPreview, Billing = everything.Billing }, everything);

        var noContext = WebhookSamples.For(type, new WebhookSampleOptions { IncludeCustomerContext = false });
        Assert.Equal(defaults.PresentSections & ~(WebhookSections.Customer | WebhookSections.Location), noContext.PresentSections);

        var noContact = WebhookSamples.For(type, new WebhookSampleOptions { IncludeContactDetails = false });
        Assert.Equal(defaults.PresentSections & ~WebhookSections.Contact, noContact.PresentSections);
    }

    [Fact]
    public void Samples_share_one_customer_context()
    {
        var withContext = WebhookSamples.All.Where(e => e.Customer is not null).ToArray();

        Assert.Equal(18, withContext.Length);
        Assert.All(withContext, e =>
        {
            Assert.Equal(12, e.Customer!.OrdinavoCustomerId);
            Assert.Equal("RRM-001", e.Customer.CustomerNumber);
            Assert.Equal("Essen Center", e.Location!.Name);
            Assert.True(e.Location.HasCoordinates);
            Assert.Equal("Anna Weber", e.Contact!.DisplayName);
        });
    }

    [Fact]
    public void Samples_send_nothing_the_contract_forbids()
    {
        string[] forbidden = ["latitude", "longitude", "coordinates\"", "price", "tax", "total", "invoiceNumber", "secret", "apiKey", "note", "email", "phone"];
        foreach (var type in WebhookEventCatalog.All.Select(d => d.Type))
        {
            var body = WebhookEventSerializer.SerializeToString(WebhookSamples.For(type, Everything));
            foreach (var word in forbidden)
            {
                Assert.DoesNotContain($"\"{word}", body, StringComparison.OrdinalIgnoreCase);
            }

            // Customer numbers come from the customer record only, never from the target.
            Assert.DoesNotContain("customerNumber", JsonNode.Parse(body)!["target"]?.ToJsonString() ?? string.Empty, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unknown_event_type_has_no_sample()
    {
        var ex = Assert.Throws<ArgumentException>(() => WebhookSamples.For(WebhookEventType.Parse("inventory.item_reserved")));
        Assert.Equal("type", ex.ParamName);
        Assert.Throws<ArgumentException>(() => WebhookSamples.For(default, WebhookSampleOptions.Default));
        Assert.Throws<ArgumentNullException>(() => WebhookSamples.For(WebhookEventType.TargetImported, null!));
    }
}
