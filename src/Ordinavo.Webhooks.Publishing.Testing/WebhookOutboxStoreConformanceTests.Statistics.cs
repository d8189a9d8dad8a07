using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Ordinavo.Webhooks.Publishing.Testing;

/// <summary>The statistics of <see cref="IWebhookDeliveryMonitor.GetStatisticsAsync"/>: tenant isolation, window boundaries, buckets, states, limits.</summary>
public abstract partial class WebhookOutboxStoreConformanceTests
{
    private const string Tenant = "tenant-123";
    private const string OtherTenant = "tenant-other";
    private static readonly DateTimeOffset StatsFrom = T0;
    private static readonly DateTimeOffset StatsBefore = T0.AddHours(3);
    private int _statsSequence;

    /// <summary>A tenant's deliveries are counted per subscription by state, in the window [From, Before), in buckets.</summary>
    [Fact]
    public async Task Statistics_count_a_tenants_deliveries_per_subscription_by_state_in_window_buckets()
    {
        await SeedStatisticsAsync();

        var stats = await Monitor.GetStatisticsAsync(StatsQuery(), Ct);

        Assert.Equal(Tenant, stats.TenantId);
        Assert.Equal((StatsFrom, StatsBefore, TimeSpan.FromHours(1)), (stats.From, stats.Before, stats.BucketSize));
        Assert.False(stats.IsTruncated);
        Assert.Equal("sub-a,sub-b", string.Join(',', stats.Subscriptions.Select(s => s.SubscriptionId)));

        var a = stats.Subscriptions[0];
        Assert.Equal((2L, 1L, 3L, 1L, 1L), (a.Pending, a.Due, a.Delivered, a.Failed, a.DeadLettered));
        Assert.Equal(
            new[] { Bucket(T0, 1, 1, 0), Bucket(T0.AddHours(1), 1, 0, 0), Bucket(T0.AddHours(2), 1, 0, 1) },
            a.Buckets);
        Assert.Equal(new WebhookSubscriptionHealth("sub-a", null, T0.AddMinutes(30)), a.Health);

        var b = stats.Subscriptions[1];
        Assert.Equal((3L, 1L, 0L, 0L, 1L), (b.Pending, b.Due, b.Delivered, b.Failed, b.DeadLettered));
        Assert.Equal(
            new[] { Bucket(T0, 0, 0, 0), Bucket(T0.AddHours(1), 0, 0, 1), Bucket(T0.AddHours(2), 0, 0, 0) },
            b.Buckets);
        Assert.Equal(new WebhookSubscriptionHealth("sub-b", T0.AddHours(1), null), b.Health);
    }

    /// <summary>Requested subscriptions are reported with zeros when they have no deliveries; others are left out; another tenant's deliveries never count.</summary>
    [Fact]
    public async Task Statistics_of_requested_subscriptions_include_those_without_deliveries_and_never_another_tenants()
    {
        await SeedStatisticsAsync();

        var stats = await Monitor.GetStatisticsAsync(StatsQuery() with { SubscriptionIds = ["sub-z", "sub-b", "sub-c"] }, Ct);

        Assert.Equal("sub-b,sub-c,sub-z", string.Join(',', stats.Subscriptions.Select(s => s.SubscriptionId)));
        Assert.Equal((3L, 1L, 1L), (stats.Subscriptions[0].Pending, stats.Subscriptions[0].Due, stats.Subscriptions[0].DeadLettered));
        foreach (var empty in stats.Subscriptions.Skip(1))
        {
            // sub-c has deliveries, but of the other tenant only.
            Assert.Equal((0L, 0L, 0L, 0L, 0L), (empty.Pending, empty.Due, empty.Delivered, empty.Failed, empty.DeadLettered));
            Assert.Equal(3, empty.Buckets.Count);
            Assert.All(empty.Buckets, bucket => Assert.Equal((0L, 0L, 0L), (bucket.Delivered, bucket.Failed, bucket.DeadLettered)));
        }

        var other = await Monitor.GetStatisticsAsync(StatsQuery() with { TenantId = OtherTenant }, Ct);
        Assert.Equal("sub-a,sub-c", string.Join(',', other.Subscriptions.Select(s => s.SubscriptionId)));
        Assert.Equal((0L, 1L), (other.Subscriptions[0].Pending, other.Subscriptions[0].Delivered));
        Assert.Equal((1L, 1L), (other.Subscriptions[1].Pending, other.Subscriptions[1].Due));

        var nobody = await Monitor.GetStatisticsAsync(StatsQuery() with { TenantId = "tenant-without-deliveries" }, Ct);
        Assert.Empty(nobody.Subscriptions);
        Assert.False(nobody.IsTruncated);
    }

    /// <summary>Each count reads at most MaxCountedDeliveries deliveries (outcomes newest first) and says when there were more.</summary>
    [Fact]
    public async Task Statistics_stop_at_the_count_limit_and_say_so()
    {
        await FinishedAsync("sub-a", Tenant, T0.AddMinutes(10), WebhookAttemptResolution.Succeeded);
        await FinishedAsync("sub-a", Tenant, T0.AddMinutes(70), WebhookAttemptResolution.Succeeded);
        await FinishedAsync("sub-b", Tenant, T0.AddMinutes(130), WebhookAttemptResolution.DeadLettered);
        await EnqueueOneAsync("sub-a", T0, T0.AddHours(10), Tenant);
        await EnqueueOneAsync("sub-b", T0.AddMilliseconds(1), T0.AddHours(10), Tenant);

        var exact = await Monitor.GetStatisticsAsync(StatsQuery() with { MaxCountedDeliveries = 3 }, Ct);
        Assert.False(exact.IsTruncated);
        Assert.Equal(3, exact.Subscriptions.Sum(s => s.Delivered + s.DeadLettered));
        Assert.Equal(2, exact.Subscriptions.Sum(s => s.Pending));

        var limited = await Monitor.GetStatisticsAsync(StatsQuery() with { MaxCountedDeliveries = 2 }, Ct);
        Assert.True(limited.IsTruncated);
        Assert.Equal(2, limited.Subscriptions.Sum(s => s.Pending));
        var a = limited.Subscriptions.Single(s => s.SubscriptionId == "sub-a");
        var b = limited.Subscriptions.Single(s => s.SubscriptionId == "sub-b");
        // The two newest outcomes: the oldest bucket is the one left short.
        Assert.Equal("0,1,0", string.Join(',', a.Buckets.Select(x => x.Delivered)));
        Assert.Equal("0,0,1", string.Join(',', b.Buckets.Select(x => x.DeadLettered)));

        var pendingLimited = await Monitor.GetStatisticsAsync(StatsQuery() with { MaxCountedDeliveries = 1 }, Ct);
        Assert.True(pendingLimited.IsTruncated);
        Assert.Equal(1, pendingLimited.Subscriptions.Sum(s => s.Pending));
        Assert.Equal(1, pendingLimited.Subscriptions.Sum(s => s.Delivered + s.DeadLettered));
    }

    /// <summary>A statistics query that is not acceptable is refused with an argument error.</summary>
    [Fact]
    public async Task Statistics_queries_that_are_not_acceptable_are_refused()
    {
        var good = StatsQuery();
        WebhookDeliveryStatisticsQuery[] bad =
        [
            good with { TenantId = "" },
            good with { Before = good.From },
            good with { BucketSize = TimeSpan.Zero },
            good with { BucketSize = TimeSpan.FromMinutes(7) },
            good with { BucketSize = TimeSpan.FromSeconds(1) },
            good with { MaxCountedDeliveries = 0 },
            good with { SubscriptionIds = ["sub-a", ""] },
        ];
        foreach (var query in bad)
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(() => Monitor.GetStatisticsAsync(query, Ct));
        }

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Monitor.GetStatisticsAsync(null!, Ct));
    }

    private static WebhookDeliveryStatisticsBucket Bucket(DateTimeOffset start, long delivered, long failed, long deadLettered) =>
        new(start, delivered, failed, deadLettered);

    /// <summary>The statistics query of the tests: tenant-123, [T0, T0 + 3 h) in hourly buckets, now at the window's end.</summary>
    private static WebhookDeliveryStatisticsQuery StatsQuery() => new()
    {
        TenantId = Tenant,
        From = StatsFrom,
        Before = StatsBefore,
        Now = StatsBefore,
    };

    /// <summary>
    /// Deliveries in every state around the window [T0, T0 + 3 h), for two tenants. Expected for tenant-123:
    /// sub-a: 2 pending (1 due), delivered 3 (one per bucket), failing 1 (bucket 0), dead-lettered 1 (bucket 2);
    /// sub-b: 3 pending (1 due, 1 leased, 1 requeued after success), dead-lettered 1 (bucket 1).
    /// </summary>
    private async Task SeedStatisticsAsync()
    {
        // sub-a: outcomes on both window boundaries and in every bucket.
        await FinishedAsync("sub-a", Tenant, T0.AddMilliseconds(-1), WebhookAttemptResolution.Succeeded);
        await FinishedAsync("sub-a", Tenant, T0, WebhookAttemptResolution.Succeeded);
        await FinishedAsync("sub-a", Tenant, T0.AddMinutes(65), WebhookAttemptResolution.Succeeded);
        await FinishedAsync("sub-a", Tenant, StatsBefore.AddMilliseconds(-1), WebhookAttemptResolution.Succeeded);
        await FinishedAsync("sub-a", Tenant, StatsBefore, WebhookAttemptResolution.Succeeded);
        await FinishedAsync("sub-a", Tenant, T0.AddHours(2), WebhookAttemptResolution.DeadLettered);
        await FinishedAsync("sub-a", Tenant, T0.AddMinutes(30), WebhookAttemptResolution.Rescheduled, retryAt: T0.AddHours(10));
        await FinishedAsync("sub-a", Tenant, T0.AddHours(-1), WebhookAttemptResolution.Rescheduled, retryAt: T0.AddHours(2));

        // sub-b: a dead letter, a success that was requeued (pending, its last attempt succeeded: not failing).
        await FinishedAsync("sub-b", Tenant, T0.AddHours(1), WebhookAttemptResolution.DeadLettered);
        var requeued = await FinishedAsync("sub-b", Tenant, T0.AddMinutes(40), WebhookAttemptResolution.Succeeded);
        Assert.True(await Monitor.RequeueAsync(requeued.Id, T0.AddHours(10), Ct));

        // The other tenant: a success of a subscription with the same id, and a pending delivery.
        await FinishedAsync("sub-a", OtherTenant, T0.AddHours(1), WebhookAttemptResolution.Succeeded);
        await EnqueueOneAsync("sub-c", T0.AddMinutes(1), T0.AddMinutes(1), OtherTenant);

        // sub-b: two new pending deliveries; the older one is leased at the window's end (not due).
        var leased = await EnqueueOneAsync("sub-b", T0.AddHours(1), tenantId: Tenant);
        await EnqueueOneAsync("sub-b", T0.AddHours(1).AddMilliseconds(1), tenantId: Tenant);
        var lease = await Store.LeaseDueAsync("node-1", StatsBefore.AddMinutes(-1), 2, Lease, Ct);
        Assert.Equal(2, lease.Count);
        Assert.Contains(lease, d => d.Id == leased.Id);

        // The lease took the other tenant's pending delivery too (due earlier): give it back, due now.
        var other = lease.Single(d => d.Id != leased.Id);
        Assert.Equal(OtherTenant, other.TenantId);
        Assert.True(await RescheduleAsync(other.Id, "node-1", StatsBefore));

        await Store.RecordSubscriptionOutcomeAsync("sub-a", false, T0.AddMinutes(30), Ct);
        await Store.RecordSubscriptionOutcomeAsync("sub-b", true, T0.AddHours(1), Ct);
        await Store.RecordSubscriptionOutcomeAsync("sub-c", true, T0, Ct);
    }

    /// <summary>
    /// A delivery with one attempt at <paramref name="at"/> that then succeeded, was dead-lettered or rescheduled to
    /// <paramref name="retryAt"/>. It is created and leased a day before the window, alone due at that moment.
    /// </summary>
    private async Task<WebhookDeliveryRecord> FinishedAsync(string subscriptionId, string tenantId, DateTimeOffset at, WebhookAttemptResolution resolution, DateTimeOffset? retryAt = null)
    {
        var created = T0.AddDays(-1).AddMilliseconds(_statsSequence++);
        var delivery = await EnqueueOneAsync(subscriptionId, created, created, tenantId);
        var leased = await LeaseOneAsync("node-0", created);
        Assert.Equal(delivery.Id, leased.Id);
        var succeeded = resolution == WebhookAttemptResolution.Succeeded;
        var attempt = succeeded ? NewAttempt(delivery.Id, 1, at, 200, WebhookDeliveryErrorKind.None, null) : NewAttempt(delivery.Id, 1, at);
        Assert.True(resolution switch
        {
            WebhookAttemptResolution.Succeeded => await FinishOneAsync(delivery.Id, "node-0", resolution, at, attempt: attempt),
            WebhookAttemptResolution.DeadLettered => await FinishOneAsync(delivery.Id, "node-0", resolution, at, WebhookDeadLetterReason.RetriesExhausted, attempt),
            _ => await FinishOneAsync(delivery.Id, "node-0", resolution, retryAt ?? at.AddHours(1), attempt: attempt),
        });
        return delivery;
    }
}
