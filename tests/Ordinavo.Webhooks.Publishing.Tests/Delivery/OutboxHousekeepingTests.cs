using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Ordinavo.Webhooks.Publishing.Tests.Delivery;

/// <summary>The worker's housekeeping: the depth gauge on every tick, the retention purge once per purge interval.</summary>
public sealed class OutboxHousekeepingTests
{
    [Fact]
    public async Task The_gauge_is_read_on_every_run_and_the_purge_runs_once_per_interval_with_the_retention_cut_off()
    {
        var store = Substitute.For<IWebhookDeliveryMonitor>();
        store.GetQueueDepthAsync(Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(new WebhookQueueDepth(7, 3));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 18, 16, 40, 0, TimeSpan.Zero));
        using var telemetry = new WebhookPublisherTelemetry();
        var housekeeping = new OutboxHousekeeping(store, new WebhookPublisherOptions { Retention = TimeSpan.FromDays(30) }, time, telemetry, NullLogger.Instance);

        await housekeeping.RunDueAsync(CancellationToken.None);
        time.Advance(OutboxHousekeeping.DepthInterval);
        await housekeeping.RunDueAsync(CancellationToken.None);
        var start = time.GetUtcNow() - OutboxHousekeeping.DepthInterval;
        time.Advance(OutboxHousekeeping.PurgeInterval);
        await housekeeping.RunDueAsync(CancellationToken.None);

        await store.Received(3).GetQueueDepthAsync(Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>());
        await store.Received(2).PurgeAsync(Arg.Any<DateTimeOffset>(), false, Arg.Any<CancellationToken>());
        await store.Received(1).PurgeAsync(start - TimeSpan.FromDays(30), false, Arg.Any<CancellationToken>());
        Assert.Equal(new WebhookQueueDepth(7, 3), telemetry.QueueDepth);
    }

    [Fact]
    public async Task Without_retention_nothing_is_purged()
    {
        var store = Substitute.For<IWebhookDeliveryMonitor>();
        using var telemetry = new WebhookPublisherTelemetry();
        var housekeeping = new OutboxHousekeeping(store, new WebhookPublisherOptions { Retention = null }, new FakeTimeProvider(new DateTimeOffset(2026, 6, 18, 16, 40, 0, TimeSpan.Zero)), telemetry, NullLogger.Instance);

        await housekeeping.RunDueAsync(CancellationToken.None);

        await store.DidNotReceiveWithAnyArgs().PurgeAsync(default, default, default);
    }
}
