using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Publishing.TestHost;
using Ordinavo.Webhooks.Publishing.Tests.Support;

namespace Ordinavo.Webhooks.Publishing.Tests.Delivery;

/// <summary>The delivery worker listens to a store that is an <see cref="IWebhookOutboxWakeSource"/> while it runs.</summary>
public sealed class OutboxWakeSourceTests
{
    [Fact]
    public async Task A_wake_up_from_the_store_starts_the_worker_at_once_and_the_worker_unsubscribes_when_it_stops()
    {
        var store = new WakingOutboxStore();
        await using var receiver = await LoopbackReceiver.StartAsync();
        var node = await PublisherNode.StartAsync(receiver.Endpoint, builder => builder.UseStore(_ => store, _ => store.Inner),
            configure: o => o.PollInterval = TimeSpan.FromSeconds(60));
        try
        {
            var watch = Stopwatch.StartNew();
            // Subscribed, and its first lease (at start) done: from here only a wake-up or the 60 s poll makes it lease.
            while (store.Subscribers == 0 || store.Leases == 0)
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "The worker did not subscribe and lease.");
                await Task.Delay(10);
            }

            // Stored behind the publisher's back (as another node would): only the store's wake-up tells the worker.
            var prepared = await node.Publisher.PrepareAsync(PublisherNode.NewEvent(WebhookIdentifiers.NewEventId(), 1), CancellationToken.None);
            Assert.True(await store.Inner.EnqueueAsync(prepared, CancellationToken.None));
            await Task.Delay(200);
            Assert.Equal(0, receiver.Distinct);

            store.Wake();
            Assert.True(await receiver.WaitForDistinctAsync(1, TimeSpan.FromSeconds(5)), "The wake-up did not start the worker.");
        }
        finally
        {
            await node.DisposeAsync();
        }

        Assert.Equal(0, store.Subscribers);
    }
}
