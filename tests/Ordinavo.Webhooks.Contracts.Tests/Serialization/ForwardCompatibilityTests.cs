using System.Text;
using System.Text.Json.Nodes;
using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Contracts.Tests.Serialization;

/// <summary>An integrator on an older package keeps working when Ordinavo adds properties, sections or event types.</summary>
public class ForwardCompatibilityTests
{
    [Fact]
    public void Unknown_properties_everywhere_are_ignored()
    {
        var sample = WebhookSamples.For(WebhookEventType.BillingEventFailed);
        var body = JsonNode.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(sample))!.AsObject();
        body["futureSection"] = new JsonObject { ["id"] = 1, ["items"] = new JsonArray(1, "two", new JsonObject { ["deep"] = new JsonArray() }) };
        body["futureNumber"] = 12.5;
        body["futureNull"] = null;
        body["customer"]!["segment"] = "Healthcare";
        body["billing"]!["retryCount"] = 3;
        body["visitReport"]!["signatures"] = new JsonArray("a", "b");

        var read = WebhookEventSerializer.Deserialize(Encoding.UTF8.GetBytes(body.ToJsonString()));

        Assert.Equal(sample, read);
    }

    [Fact]
    public void Newer_payload_version_still_reads_and_is_kept()
    {
        var body = JsonNode.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(WebhookSamples.For(WebhookEventType.TargetImported)))!;
        body["payloadVersion"] = "1.1";

        var read = WebhookEventSerializer.Deserialize(Encoding.UTF8.GetBytes(body.ToJsonString()));

        Assert.Equal("1.1", read.PayloadVersion);
    }

    [Theory]
    [InlineData("inventory.item_reserved", WebhookEventCategory.Unknown)]
    [InlineData("billing.invoice_draft_requested", WebhookEventCategory.Billing)]
    [InlineData("visit_report.archived", WebhookEventCategory.VisitReport)]
    [InlineData("route.optimized.v2", WebhookEventCategory.Route)]
    [InlineData("appointment", WebhookEventCategory.Appointment)]
    public void Unknown_event_type_reads_with_the_category_of_its_prefix(string eventType, WebhookEventCategory category)
    {
        var body = JsonNode.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(WebhookSamples.For(WebhookEventType.TargetUpdated)))!;
        body["eventType"] = eventType;
        body["inventory"] = new JsonObject { ["sku"] = "FLT-200" };

        var read = WebhookEventSerializer.Deserialize(Encoding.UTF8.GetBytes(body.ToJsonString()));

        Assert.Equal(eventType, read.EventType.Value);
        Assert.False(read.EventType.IsKnown);
        Assert.Equal(category, read.EventType.Category);
        Assert.False(WebhookEventCatalog.TryGet(read.EventType, out _));
        Assert.NotNull(read.Target);

        // It also writes back under its own name.
        Assert.Contains($"\"eventType\":\"{eventType}\"", WebhookEventSerializer.SerializeToString(read), StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_envelope_values_fall_back_to_the_contracts_values_when_absent()
    {
        const string body = """{"eventId":"evt_01KV51Z1D091N47JTP1MZBA2Y0","eventType":"target.imported","occurredAt":"2026-06-15T07:12:04Z","tenantId":"tenant-123"}""";

        var read = WebhookEventSerializer.Deserialize(Encoding.UTF8.GetBytes(body));

        Assert.Equal("1.0", read.PayloadVersion);
        Assert.Equal("ordinavo", read.Source);
        Assert.Equal(WebhookSections.None, read.PresentSections);
    }

    [Fact]
    public void Explicit_nulls_read_as_absent_sections()
    {
        const string body = """{"eventId":"evt_01KV51Z1D091N47JTP1MZBA2Y0","eventType":"target.imported","occurredAt":"2026-06-15T07:12:04Z","tenantId":"tenant-123","customer":null,"target":{"id":455,"externalId":null}}""";

        var read = WebhookEventSerializer.Deserialize(Encoding.UTF8.GetBytes(body));

        Assert.Null(read.Customer);
        Assert.Equal(new WebhookTarget { Id = 455 }, read.Target);
    }
}
