using System.Text;
using NSubstitute;

namespace Ordinavo.Webhooks.Publishing.Dashboard.Tests.Data;

/// <summary>The event type filter reads a bounded number of rows per page (the query seam has no event type criterion).</summary>
public sealed class DeliveryTableTests
{
    [Fact]
    public async Task An_event_type_filter_stops_reading_after_the_bound_and_continues_after_the_last_row_read()
    {
        var monitor = Substitute.For<IWebhookDeliveryMonitor>();
        var next = 0;
        monitor.QueryDeliveriesAsync(Arg.Any<WebhookDeliveryQuery>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var query = call.Arg<WebhookDeliveryQuery>();
            var items = Enumerable.Range(0, query.Limit).Select(_ => Record((++next).ToString("D8"), "target.imported")).ToList();
            return new WebhookDeliveryPage(items, items[^1].Id);
        });

        var result = await DeliveryTable.ReadAsync(monitor, Filter("eventType=route.published"), "tenant-a", 50, default);

        Assert.Empty(result.Items);
        Assert.True(result.ScanStopped);
        Assert.Equal(DeliveryTable.MaxScanned.ToString("D8"), result.NextAfter);
        await monitor.Received(DeliveryTable.MaxScanned / 500).QueryDeliveriesAsync(Arg.Is<WebhookDeliveryQuery>(q => q.TenantId == "tenant-a"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_full_page_of_matches_continues_after_its_last_row()
    {
        var monitor = Substitute.For<IWebhookDeliveryMonitor>();
        var rows = Enumerable.Range(1, 10).Select(i => Record(i.ToString("D8"), i % 2 == 0 ? "target.updated" : "target.imported")).ToList();
        monitor.QueryDeliveriesAsync(Arg.Any<WebhookDeliveryQuery>(), Arg.Any<CancellationToken>()).Returns(new WebhookDeliveryPage(rows, null));

        var result = await DeliveryTable.ReadAsync(monitor, Filter("eventType=target.updated"), "tenant-a", 3, default);

        Assert.Equal(["00000002", "00000004", "00000006"], result.Items.Select(d => d.Id));
        Assert.Equal("00000006", result.NextAfter);
        Assert.False(result.ScanStopped);
    }

    private static DeliveryFilter Filter(string query) =>
        DeliveryFilter.Parse(new Microsoft.AspNetCore.Http.QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)));

    private static WebhookDeliveryRecord Record(string id, string eventType) => new()
    {
        Id = id,
        EventId = "evt_" + id,
        SubscriptionId = "sub",
        TenantId = "tenant-a",
        EventType = eventType,
        EndpointUrl = new Uri("https://erp.example/hooks"),
        Body = Encoding.UTF8.GetBytes("{}"),
    };
}
