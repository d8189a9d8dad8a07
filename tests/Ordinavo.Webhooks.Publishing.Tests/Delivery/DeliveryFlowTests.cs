using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Publishing.Tests.Support;

namespace Ordinavo.Webhooks.Publishing.Tests.Delivery;

/// <summary>
/// Flows: after an attempt the engine goes on with its endpoint's next waiting delivery without another round of
/// leasing, the same way under <see cref="WebhookDeliveryEngine.RunOnceAsync"/> (fake clock) as under the worker; a
/// flow ends when the endpoint does not answer or the engine stops, and nothing it held is lost. The lease rounds are
/// counted at the store seam: an attempt a flow continued comes before the next round.
/// </summary>
public sealed class DeliveryFlowTests
{
    private const string EventIdHeader = "X-Ordinavo-Event-Id";

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task One_flow_attempts_every_waiting_delivery_of_its_endpoint_in_lease_order_one_at_a_time()
    {
        var store = new LeaseCountingOutboxStore();
        await using var h = Harness(store);
        var leasesBefore = await ProveEndpointAsync(h, store);
        var published = await PublishAsync(h, 6);
        var seen = new ConcurrentQueue<(string EventId, int Leases)>();
        var running = 0;
        var maxRunning = 0;
        h.Handler.Respond = async (request, ct) =>
        {
            InterlockedMax(ref maxRunning, Interlocked.Increment(ref running));
            seen.Enqueue((request.Header(EventIdHeader), store.Leases));
            // Holds the slot a moment, so that a second attempt started beside this one would overlap it.
            await Task.Delay(10, ct);
            Interlocked.Decrement(ref running);
            return StubHandler.Status(200);
        };

        Assert.Equal(6, await h.RunOnceAsync());

        Assert.Equal(published, seen.Select(s => s.EventId));
        Assert.Equal(1, maxRunning);
        // All six came from the one lease round: the attempts after the first were continued by the flow, not started
        // by further rounds of the engine (each of which leases again).
        Assert.All(seen, s => Assert.Equal(leasesBefore + 1, s.Leases));
        var deliveries = await h.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery(), Ct);
        Assert.All(deliveries.Items, d => Assert.Equal(WebhookDeliveryState.Succeeded, d.State));
        Assert.Equal(0, h.Engine.InFlight);
    }

    [Fact]
    public async Task An_endpoint_that_does_not_answer_ends_the_flow_and_the_engine_still_attempts_the_waiting_deliveries()
    {
        var store = new LeaseCountingOutboxStore();
        await using var h = Harness(store);
        var leasesBefore = await ProveEndpointAsync(h, store);
        var published = await PublishAsync(h, 3);
        var seen = new ConcurrentQueue<(string EventId, int Leases)>();
        h.Handler.Respond = (request, _) =>
        {
            seen.Enqueue((request.Header(EventIdHeader), store.Leases));
            throw new HttpRequestException("Connection refused");
        };

        Assert.Equal(3, await h.RunOnceAsync());

        Assert.Equal(published, seen.Select(s => s.EventId));
        // No answer, no flow: the engine's loop started each next delivery, so the third attempt follows another round.
        Assert.True(seen.Last().Leases > leasesBefore + 1, $"The third attempt came after {seen.Last().Leases - leasesBefore} lease round(s).");
        var pending = (await h.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { State = WebhookDeliveryState.Pending }, Ct)).Items;
        Assert.Equal(3, pending.Count);
        Assert.All(pending, d =>
        {
            Assert.Equal(1, d.AttemptCount);
            Assert.Equal(WebhookDeliveryErrorKind.ConnectionFailed, d.LastErrorKind);
            Assert.Equal(h.Time.GetUtcNow().AddSeconds(5), d.NextAttemptAt);
            Assert.Null(d.LeaseOwner);
        });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Stopping_ends_the_flow_and_gives_the_running_and_the_waiting_deliveries_back(bool worker)
    {
        var store = new LeaseCountingOutboxStore();
        await using var h = Harness(store);
        await ProveEndpointAsync(h, store);
        var published = await PublishAsync(h, 3);
        var attempts = 0;
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Handler.Respond = async (_, ct) =>
        {
            Interlocked.Increment(ref attempts);
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return StubHandler.Status(200);
        };
        using var stop = new CancellationTokenSource();

        var run = worker ? h.Engine.RunAsync(stop.Token) : h.Engine.RunOnceAsync(stop.Token);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        if (worker)
        {
            await run.WaitAsync(TimeSpan.FromSeconds(10));
        }
        else
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        }

        Assert.Equal(1, attempts);
        Assert.Equal(0, h.Engine.InFlight);
        var given = (await h.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { State = WebhookDeliveryState.Pending }, Ct)).Items;
        Assert.Equal(published.Order(StringComparer.Ordinal), given.Select(d => d.EventId).Order(StringComparer.Ordinal));
        Assert.All(given, d =>
        {
            Assert.Null(d.LeaseOwner);
            Assert.Equal(h.Time.GetUtcNow(), d.NextAttemptAt);
        });

        // Not lost: the next run attempts all three at once.
        h.Handler.Respond = (_, _) => Task.FromResult(StubHandler.Status(200));
        Assert.Equal(3, await h.RunOnceAsync());
        Assert.Empty((await h.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { State = WebhookDeliveryState.Pending }, Ct)).Items);
    }

    [Fact]
    public async Task The_worker_takes_up_each_delivery_it_pushed_back_as_soon_as_it_is_due_not_at_the_next_poll()
    {
        await using var h = new EngineHarness(o =>
        {
            o.MaxConcurrentDeliveriesPerEndpoint = 1;
            o.PollInterval = TimeSpan.FromSeconds(60);
        });
        h.AddSubscription();
        var start = h.Time.GetUtcNow();
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Handler.Respond = async (_, ct) =>
        {
            await answer.Task.WaitAsync(ct);
            return StubHandler.Status(200);
        };
        await PublishAsync(h, 3);
        using var stop = new CancellationTokenSource();

        var run = h.Engine.RunAsync(stop.Token);
        try
        {
            // An endpoint that has not answered yet: the first delivery starts, the second waits for its slot, the
            // third goes back to the store for a moment; so does a fourth published a little later, due a little later.
            Assert.True(await Eventually.WaitUntilAsync(async () => (await PushedBackAsync(h)).Count == 1), "The third delivery was not pushed back.");
            await WakeArmedForAsync(h, (await PushedBackAsync(h))[0].NextAttemptAt);
            h.Time.Advance(TimeSpan.FromMilliseconds(10));
            await PublishAsync(h, 1);
            Assert.True(await Eventually.WaitUntilAsync(async () => (await PushedBackAsync(h)).Count == 2), "The fourth delivery was not pushed back.");
            var pushedBack = await PushedBackAsync(h);
            Assert.True(pushedBack[0].NextAttemptAt < pushedBack[1].NextAttemptAt);

            answer.SetResult();
            Assert.True(await Eventually.WaitUntilAsync(async () => await CountAsync(h, WebhookDeliveryState.Succeeded) == 2), "The first two deliveries did not succeed.");

            // The clock moves only to the times the engine gave the pushed-back deliveries. At each, every delivery due
            // is taken up at once: delivered, or pushed back again if it was leased while the endpoint's slot was still
            // held by the flow that is just ending. None is left for the poll, 60 s away.
            for (var step = 0; await CountAsync(h, WebhookDeliveryState.Succeeded) < 4; step++)
            {
                Assert.True(step < 10, "The pushed-back deliveries keep being pushed back.");
                var due = (await PushedBackAsync(h))[0].NextAttemptAt;
                await WakeArmedForAsync(h, due);
                h.Time.SetUtcNow(due);
                Assert.True(await Eventually.WaitUntilAsync(async () => await IsSettledAsync(h)), $"A delivery due at {due:O} waited for the poll.");
            }

            Assert.True(h.Time.GetUtcNow() - start < TimeSpan.FromSeconds(1));
            Assert.Equal(4, h.Handler.Requests.Count);
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>The deliveries given back to the store for later (not leased, not yet due), the earliest first.</summary>
    private static async Task<List<WebhookDeliveryRecord>> PushedBackAsync(EngineHarness h)
    {
        var pending = await h.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { State = WebhookDeliveryState.Pending }, Ct);
        return [.. pending.Items.Where(d => d.LeaseOwner is null && d.NextAttemptAt > h.Time.GetUtcNow()).OrderBy(d => d.NextAttemptAt)];
    }

    /// <summary>
    /// Waits until the worker has armed its wake-up for <paramref name="due"/>. The worker arms it relative to the clock's
    /// reading, so a fake clock moved while it arms would shift the wake-up by the jump; a real clock never jumps.
    /// </summary>
    private static async Task WakeArmedForAsync(EngineHarness h, DateTimeOffset due) =>
        Assert.True(await Eventually.WaitUntilAsync(() => Task.FromResult(h.Engine.DeferralWakeAt == due)), $"The wake-up was not armed for {due:O}.");

    /// <summary>Nothing pending is due or leased: every delivery is done or waits for a time still ahead of the clock.</summary>
    private static async Task<bool> IsSettledAsync(EngineHarness h)
    {
        var pending = await h.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { State = WebhookDeliveryState.Pending }, Ct);
        return pending.Items.All(d => d.LeaseOwner is null && d.NextAttemptAt > h.Time.GetUtcNow());
    }

    private static async Task<int> CountAsync(EngineHarness h, WebhookDeliveryState state) =>
        (await h.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { State = state }, Ct)).Items.Count;

    private static EngineHarness Harness(LeaseCountingOutboxStore store) => new(
        o =>
        {
            o.MaxConcurrentDeliveries = 4;
            o.MaxConcurrentDeliveriesPerEndpoint = 1;
        },
        builder => builder.UseStore(_ => store, _ => store.Inner));

    /// <summary>
    /// One delivery answered: the endpoint is known to answer, so all its further deliveries wait for its slot (an
    /// endpoint that never answered gets one delivery queued and the rest pushed back shortly).
    /// </summary>
    /// <returns>The lease rounds so far.</returns>
    private static async Task<int> ProveEndpointAsync(EngineHarness h, LeaseCountingOutboxStore store)
    {
        h.AddSubscription();
        await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);
        Assert.Equal(1, await h.RunOnceAsync());
        return store.Leases;
    }

    /// <summary>Publishes <paramref name="count"/> events a millisecond apart (so the store leases them in this order).</summary>
    private static async Task<List<string>> PublishAsync(EngineHarness h, int count)
    {
        var published = new List<string>();
        for (var i = 0; i < count; i++)
        {
            h.Time.Advance(TimeSpan.FromMilliseconds(1));
            published.Add((await h.Publisher.PublishAsync(EngineHarness.Input(), Ct)).EventId);
        }

        return published;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
