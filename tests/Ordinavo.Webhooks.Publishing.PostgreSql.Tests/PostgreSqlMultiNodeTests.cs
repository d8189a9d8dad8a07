using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Publishing.PostgreSql.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Tests;

/// <summary>Several publisher nodes (each its own store instance, connection pool and delivery worker) on one database.</summary>
[RequiresPostgres]
public sealed class PostgreSqlMultiNodeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private PostgresTestDatabase _database = null!;

    public Task InitializeAsync()
    {
        _database = PostgresTestDatabase.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Three_nodes_deliver_5000_events_each_exactly_once()
    {
        const int EventCount = 5000;
        var watch = Stopwatch.StartNew();
        await using var receiver = await LoopbackReceiver.StartAsync();
        var nodes = new PublisherNode[3];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = await PublisherNode.StartAsync(receiver.Endpoint,
                builder => builder.UsePostgreSqlStore(PostgresTestDatabase.ConnectionString, o => o.SchemaName = _database.SchemaName),
                workerId: $"node-{i}",
                configure: o =>
                {
                    o.MaxConcurrentDeliveriesPerEndpoint = 16;
                    o.BusyEndpointDeferral = TimeSpan.FromMilliseconds(100);
                    // A busy CI machine can time an attempt out: retry often enough that nothing is dead-lettered.
                    o.RetrySchedule = Enumerable.Repeat(TimeSpan.FromSeconds(1), 20).ToList();
                });
        }

        try
        {
            var eventIds = Enumerable.Range(0, EventCount).Select(_ => WebhookIdentifiers.NewEventId()).ToArray();
            await Parallel.ForEachAsync(Enumerable.Range(0, EventCount), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            {
                var result = await nodes[i % nodes.Length].Publisher.PublishAsync(PublisherNode.NewEvent(eventIds[i], i), ct);
                Assert.Equal(1, result.DeliveriesEnqueued);
            });
            output.WriteLine($"published {EventCount} events through 3 nodes in {watch.Elapsed.TotalSeconds:0.0} s");

            if (!await receiver.WaitForDistinctAsync(EventCount, TimeSpan.FromSeconds(150)))
            {
                output.WriteLine($"states: pending {await _database.ScalarAsync("SELECT count(*) FROM __schema__.deliveries WHERE state = 0;")}, " +
                    $"succeeded {await _database.ScalarAsync("SELECT count(*) FROM __schema__.deliveries WHERE state = 1;")}, " +
                    $"dead-lettered {await _database.ScalarAsync("SELECT count(*) FROM __schema__.deliveries WHERE state = 2;")}, " +
                    $"failed attempts {await _database.ScalarAsync("SELECT count(*) FROM __schema__.attempts WHERE error_kind <> 0;")}");
                Assert.Fail($"Only {receiver.Distinct} of {EventCount} events arrived.");
            }
            var store = nodes[0].Services.GetRequiredService<PostgreSqlWebhookOutboxStore>();
            var deadline = Stopwatch.StartNew();
            while ((await store.GetQueueDepthAsync(DateTimeOffset.UtcNow, CancellationToken.None)).Pending > 0 && deadline.Elapsed < TimeSpan.FromSeconds(15))
            {
                await Task.Delay(50);
            }
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }

        output.WriteLine($"3 nodes, {EventCount} events: {receiver.Total} deliveries received, {receiver.Duplicates} duplicates, {watch.Elapsed.TotalSeconds:0.0} s.");
        Assert.Equal(EventCount, receiver.Distinct);
        Assert.Equal(0, receiver.Duplicates);
        Assert.Equal((long)EventCount, await _database.ScalarAsync("SELECT count(*) FROM __schema__.deliveries WHERE state = 1;"));
        Assert.Equal((long)EventCount, await _database.ScalarAsync("SELECT count(*) FROM __schema__.attempts;"));
    }

    [Fact]
    public async Task Nodes_leasing_at_once_never_get_the_same_delivery()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => new PostgreSqlWebhookOutboxStore(_database.Options())).ToArray();
        try
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < 1000; i++)
            {
                await stores[0].EnqueueAsync(TestEvents.Prepared(WebhookIdentifiers.NewEventId(), now.AddMilliseconds(-i)), CancellationToken.None);
            }

            // Every node opens its connection first, then all start leasing together: a node that is slow to connect on
            // a busy machine must not find the queue already emptied by the others.
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var ready = 0;
            var leased = await Task.WhenAll(stores.Select((store, n) => Task.Run(async () =>
            {
                await store.GetQueueDepthAsync(now, CancellationToken.None);
                if (Interlocked.Increment(ref ready) == stores.Length)
                {
                    go.SetResult();
                }

                await go.Task;
                var mine = new List<string>();
                while (await store.LeaseDueAsync($"node-{n}", now, 10, Lease, CancellationToken.None) is { Count: > 0 } batch)
                {
                    mine.AddRange(batch.Select(d => d.Id));
                }

                return mine;
            })));

            var all = leased.SelectMany(ids => ids).ToList();
            Assert.Equal(1000, all.Count);
            Assert.Equal(1000, all.Distinct().Count());
            Assert.All(leased, ids => Assert.NotEmpty(ids));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_crashed_nodes_leases_are_taken_over_by_another_node_after_they_expire()
    {
        await using var crashed = new PostgreSqlWebhookOutboxStore(_database.Options());
        await using var survivor = new PostgreSqlWebhookOutboxStore(_database.Options());
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 20; i++)
        {
            await crashed.EnqueueAsync(TestEvents.Prepared(WebhookIdentifiers.NewEventId(), now), CancellationToken.None);
        }

        var taken = await crashed.LeaseDueAsync("crashed-node", now, 100, Lease, CancellationToken.None);
        Assert.Equal(20, taken.Count);

        Assert.Empty(await survivor.LeaseDueAsync("survivor", now + Lease - TimeSpan.FromSeconds(1), 100, Lease, CancellationToken.None));
        var takenOver = await survivor.LeaseDueAsync("survivor", now + Lease, 100, Lease, CancellationToken.None);
        Assert.Equal(taken.Select(d => d.Id).Order(), takenOver.Select(d => d.Id).Order());
        Assert.All(takenOver, d => Assert.Equal("survivor", d.LeaseOwner));

        // The crashed node, should it come back, can no longer change what the survivor holds.
        WebhookAttemptOutcome[] Complete(string owner) =>
            [new WebhookAttemptOutcome { DeliveryId = taken[0].Id, LeaseOwner = owner, Resolution = WebhookAttemptResolution.Succeeded, At = now + Lease }];
        Assert.Equal([false], await crashed.FinishAttemptsAsync(Complete("crashed-node"), CancellationToken.None));
        Assert.Equal([true], await survivor.FinishAttemptsAsync(Complete("survivor"), CancellationToken.None));
    }
}
