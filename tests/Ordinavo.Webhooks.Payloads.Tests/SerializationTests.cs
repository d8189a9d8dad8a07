using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Contracts.Serialization;

namespace Ordinavo.Webhooks.Payloads.Tests;

public sealed class SerializationTests
{
    [Fact]
    public void SeedInput_ReproducesTheSeedBody()
    {
        // Seed 000/001: visit_report.approved with default options for a logistics_erp subscription.
        const string seed = """
            {
              "eventId": "evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C", "eventType": "visit_report.approved", "occurredAt": "2026-06-18T16:40:00Z",
              "tenantId": "tenant-123", "source": "ordinavo", "payloadVersion": "1.0",
              "customer": { "ordinavoCustomerId": 12, "externalId": "CUST-10042", "customerNumber": "RRM-001", "name": "Rhein-Ruhr Medical Supply" },
              "location": { "ordinavoLocationId": 34, "externalId": "LOC-ESSEN-01", "name": "Essen Center", "city": "Essen", "hasCoordinates": true },
              "contact": { "ordinavoContactId": 56, "externalId": "CONT-44", "displayName": "Anna Weber" },
              "visitReport": { "id": 901, "title": "Maintenance visit - Essen Center", "status": "Approved", "result": "Successful",
                               "followUpRequired": false, "isBillable": true, "billingStatus": "NotReady", "attachmentCount": 2 },
              "target": { "id": 455, "externalId": "JOB-2026-000918", "sourceSystem": "logistics_erp", "title": "Maintenance visit" }
            }
            """;
        var full = PayloadInputs.For(WebhookEventType.VisitReportApproved);
        var input = new WebhookEventInput
        {
            EventType = full.EventType,
            OccurredAt = full.OccurredAt,
            TenantId = full.TenantId,
            EventId = full.EventId,
            Customer = full.Customer,
            Location = full.Location,
            Contact = full.Contact,
            Target = new TargetRecord
            {
                TenantId = PayloadInputs.TenantId, Id = 455, Title = "Maintenance visit", LegacyCustomerNumber = "K-0815-LEGACY",
                ExternalIds = PayloadInputs.Ids("JOB-2026-000918", "CRM-ORDER-3391"),
            },
            VisitReport = new VisitReportRecord
            {
                TenantId = PayloadInputs.TenantId, Id = 901, Title = "Maintenance visit - Essen Center", Status = "Approved",
                Result = "Successful", IsBillable = true, BillingStatus = "NotReady", AttachmentCount = 2, Summary = PayloadInputs.ReportSummary,
            },
        };

        var bytes = WebhookPayloadBuilder.BuildUtf8Bytes(input, PayloadInputs.DefaultProfile());

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(seed), JsonNode.Parse(bytes)), System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [MemberData(nameof(PayloadInputs.EventTypes), MemberType = typeof(PayloadInputs))]
    public void Write_BuildUtf8Bytes_AndTheContractSerializer_ProduceTheSameBytes(string eventType)
    {
        var input = PayloadInputs.WithAllRecords(eventType);
        var profile = PayloadInputs.Profile(true, true, true, true);
        var buffer = new ArrayBufferWriter<byte>();

        var written = WebhookPayloadBuilder.Write(buffer, input, profile);
        var bytes = WebhookPayloadBuilder.BuildUtf8Bytes(input, profile);

        Assert.Equal(bytes, buffer.WrittenSpan.ToArray());
        Assert.Equal(WebhookEventSerializer.SerializeToUtf8Bytes(written), bytes);
        Assert.Equal(bytes, WebhookPayloadBuilder.BuildUtf8Bytes(input, profile));
        Assert.NotEqual(0xEF, bytes[0]);
    }

    [Fact]
    public void Body_RoundTripsThroughTheContractReader()
    {
        var input = PayloadInputs.For(WebhookEventType.VisitReportApproved);
        var profile = PayloadInputs.Profile(true, true, true, true);
        var built = WebhookPayloadBuilder.Build(input, profile);

        var read = WebhookEventSerializer.Deserialize(WebhookPayloadBuilder.BuildUtf8Bytes(input, profile));

        Assert.Equal(built.EventId, read.EventId);
        Assert.Equal(built.EventType, read.EventType);
        Assert.Equal(built.OccurredAt, read.OccurredAt);
        Assert.Equal(built.PresentSections, read.PresentSections);
        Assert.Equal(built.Customer, read.Customer);
        Assert.Equal(built.SummaryPreview, read.SummaryPreview);
    }

    [Fact]
    public void OccurredAt_IsWrittenInUtc()
    {
        var own = PayloadInputs.For(WebhookEventType.RoutePublished);
        var input = new WebhookEventInput
        {
            EventType = own.EventType,
            OccurredAt = new DateTimeOffset(2026, 6, 18, 18, 40, 0, TimeSpan.FromHours(2)),
            TenantId = own.TenantId,
            EventId = own.EventId,
            Route = own.Route,
        };

        var evt = WebhookPayloadBuilder.Build(input, PayloadInputs.DefaultProfile());
        using var document = JsonDocument.Parse(WebhookPayloadBuilder.BuildUtf8Bytes(input, PayloadInputs.DefaultProfile()));

        Assert.Equal(TimeSpan.Zero, evt.OccurredAt.Offset);
        Assert.Equal("2026-06-18T16:40:00Z", document.RootElement.GetProperty("occurredAt").GetString());
    }

    [Fact]
    public void Builder_IsSafeToUseFromManyThreads()
    {
        var inputs = WebhookEventCatalog.All.Select(d => PayloadInputs.WithAllRecords(d.Type)).ToArray();
        var profile = PayloadInputs.Profile(true, true, true, true);
        var expected = inputs.Select(i => WebhookPayloadBuilder.BuildUtf8Bytes(i, profile)).ToArray();

        Parallel.For(0, 2000, i =>
        {
            var index = i % inputs.Length;
            var buffer = new ArrayBufferWriter<byte>();
            WebhookPayloadBuilder.Write(buffer, inputs[index], profile);
            Assert.True(buffer.WrittenSpan.SequenceEqual(expected[index]));
        });
    }
}
