using System.Text;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Publishing.Tests.Outbox;

/// <summary>The delivery statistics example of docs/storage.md, run against the in-memory store.</summary>
public sealed class DeliveryStatisticsDocsTests
{
    [Fact]
    public async Task The_overview_example_prints_each_subscriptions_queue_and_last_24_hours()
    {
        var store = new InMemoryWebhookOutboxStore();
        var now = DateTimeOffset.UtcNow;
        await EnqueueAsync(store, "sub-a", "tenant-a", now.AddMinutes(-5));
        var leased = Assert.Single(await store.LeaseDueAsync("node", now.AddMinutes(-4), 1, TimeSpan.FromMinutes(1), CancellationToken.None));
        await store.FinishAttemptsAsync(
            [new WebhookAttemptOutcome { DeliveryId = leased.Id, LeaseOwner = "node", Resolution = WebhookAttemptResolution.Succeeded, At = now.AddMinutes(-3) }],
            CancellationToken.None);
        await EnqueueAsync(store, "sub-b", "tenant-b", now.AddMinutes(-5));
        await EnqueueAsync(store, "sub-a", "tenant-a", now.AddMinutes(-2));

        var output = new StringWriter();
        await QueueOverview.PrintAsync(store, "tenant-a", output, CancellationToken.None);

        Assert.Equal(
            "sub-a: 1 pending (1 due), last 24 h: 1 delivered, 0 failing, 0 dead-lettered; per hour: 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1" + Environment.NewLine,
            output.ToString());
    }

    [Fact]
    public void Last_24_hours_is_24_hourly_buckets_ending_now()
    {
        var now = new DateTimeOffset(2026, 6, 18, 16, 40, 0, TimeSpan.Zero);
        var query = WebhookDeliveryStatisticsQuery.Last24Hours("tenant-a", now, ["sub-a"]);
        Assert.Equal((now.AddDays(-1), now, now, TimeSpan.FromHours(1), 24), (query.From, query.Before, query.Now, query.BucketSize, query.BucketCount));
        Assert.Equal(WebhookDeliveryStatisticsQuery.DefaultMaxCountedDeliveries, query.MaxCountedDeliveries);
        var error = Assert.Throws<ArgumentException>(() => WebhookOutboxStoreSupport.ThrowIfInvalidStatisticsQuery(query with { BucketSize = TimeSpan.FromMinutes(7) }));
        Assert.Contains("BucketSize", error.Message, StringComparison.Ordinal);
    }

    private static async Task EnqueueAsync(InMemoryWebhookOutboxStore store, string subscriptionId, string tenantId, DateTimeOffset at)
    {
        var eventId = WebhookIdentifiers.NewEventId(at);
        await store.EnqueueAsync(new WebhookPreparedEvent
        {
            EventId = eventId,
            TenantId = tenantId,
            EventType = "visit_report.approved",
            CreatedAt = at,
            Deliveries =
            [
                new WebhookDeliveryRecord
                {
                    Id = WebhookIdentifiers.NewDeliveryId(at)["del_".Length..],
                    EventId = eventId,
                    SubscriptionId = subscriptionId,
                    TenantId = tenantId,
                    EventType = "visit_report.approved",
                    EndpointUrl = new Uri("https://erp.example.com/hooks"),
                    Body = Encoding.UTF8.GetBytes("{}"),
                    NextAttemptAt = at,
                    CreatedAt = at,
                },
            ],
        }, CancellationToken.None);
    }
}

// As in docs/storage.md, section "Delivery statistics".
public static class QueueOverview
{
    public static async Task PrintAsync(IWebhookDeliveryMonitor monitor, string tenantId, TextWriter output, CancellationToken cancellationToken)
    {
        var statistics = await monitor.GetStatisticsAsync(
            WebhookDeliveryStatisticsQuery.Last24Hours(tenantId, DateTimeOffset.UtcNow), cancellationToken);
        var more = statistics.IsTruncated ? "+" : "";
        foreach (var s in statistics.Subscriptions)
        {
            var perHour = string.Join(' ', s.Buckets.Select(b => b.Delivered + b.Failed + b.DeadLettered));
            output.WriteLine($"{s.SubscriptionId}: {s.Pending}{more} pending ({s.Due} due), last 24 h: " +
                $"{s.Delivered}{more} delivered, {s.Failed}{more} failing, {s.DeadLettered}{more} dead-lettered; per hour: {perHour}");
        }
    }
}
