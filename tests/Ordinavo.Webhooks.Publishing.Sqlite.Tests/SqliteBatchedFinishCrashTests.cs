using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Publishing.Sqlite.Tests.Infrastructure;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Tests;

/// <summary>
/// A node is killed (SIGKILL) after its attempts reached the receiver and before it finished them (its batched finish
/// never returns): nothing of those attempts is in the store, the deliveries are still leased by the dead node. Another
/// node on the same file attempts them again once the leases expire, and finishes them.
/// </summary>
public sealed class SqliteBatchedFinishCrashTests : IDisposable
{
    private const int EventCount = 12;

    private readonly TempDatabaseFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Attempts_sent_but_not_finished_when_the_node_is_killed_are_attempted_again_after_the_lease()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        Directory.CreateDirectory(_file.Folder);
        var eventIds = Enumerable.Range(0, EventCount).Select(_ => WebhookIdentifiers.NewEventId()).ToArray();
        var eventsFile = Path.Combine(_file.Folder, "events.txt");
        await File.WriteAllLinesAsync(eventsFile, eventIds);

        using (var child = ChildProcess.Start("finish-hangs-publisher", _file.Path, eventsFile, receiver.Endpoint.ToString()))
        {
            await WaitForLineAsync(child, "finishing");
            Assert.True(await receiver.WaitForDistinctAsync(EventCount, TimeSpan.FromSeconds(30)), $"Only {receiver.Distinct} of {EventCount} events reached the receiver.");
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        await using var store = new SqliteWebhookOutboxStore(_file.Options());
        var killedAt = DateTimeOffset.UtcNow;
        var before = await AllDeliveriesAsync(store);
        Assert.Equal(EventCount, before.Count);
        Assert.All(before, d =>
        {
            // Sent, answered 200, but nothing finished: still pending under the dead node's lease, no attempt stored.
            Assert.Equal(WebhookDeliveryState.Pending, d.State);
            Assert.StartsWith("child-", d.LeaseOwner);
            Assert.Equal(0, d.AttemptCount);
        });

        await using (var survivor = await PublisherNode.StartAsync(receiver.Endpoint, builder => builder.UseSqliteStore(_file.Path), workerId: "survivor"))
        {
            var deadline = Stopwatch.StartNew();
            while ((await store.GetQueueDepthAsync(DateTimeOffset.UtcNow, CancellationToken.None)).Pending > 0 && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50);
            }
        }

        var leaseExpiry = before.ToDictionary(d => d.Id, d => d.LeaseExpiresAt!.Value);
        var after = await AllDeliveriesAsync(store);
        Assert.Equal(EventCount, after.Count);
        Assert.All(after, d =>
        {
            Assert.Equal(WebhookDeliveryState.Succeeded, d.State);
            Assert.Equal(1, d.AttemptCount);
            Assert.True(d.LastAttemptAt >= leaseExpiry[d.Id], "The delivery was attempted again before the dead node's lease expired.");
        });
        foreach (var delivery in after)
        {
            Assert.Single(await store.GetAttemptsAsync(delivery.Id, CancellationToken.None));
        }

        // At least once: every event reached the receiver from the killed node and again from the survivor.
        Assert.All(eventIds, id => Assert.Equal(2, receiver.CountOf(id)));
        Assert.All(after, d => Assert.True(d.CompletedAt > killedAt));
    }

    private static async Task<List<WebhookDeliveryRecord>> AllDeliveriesAsync(SqliteWebhookOutboxStore store) =>
        [.. (await store.QueryDeliveriesAsync(new WebhookDeliveryQuery { Limit = 1000 }, CancellationToken.None)).Items];

    private static async Task WaitForLineAsync(Process child, string prefix)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await child.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return;
            }
        }

        throw new InvalidOperationException($"The child exited before printing '{prefix}': {await child.StandardError.ReadToEndAsync()}");
    }
}
