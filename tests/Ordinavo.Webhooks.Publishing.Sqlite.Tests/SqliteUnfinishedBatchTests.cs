using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Publishing.Sqlite.Tests.Infrastructure;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Tests;

/// <summary>
/// A node that sent a batch of attempts and died before finishing them (nothing of the batch reached the store) loses
/// nothing: another node leases the deliveries when their leases expire, attempts them again and finishes them.
/// </summary>
public sealed class SqliteUnfinishedBatchTests : IDisposable
{
    private const int EventCount = 100;
    private readonly TempDatabaseFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Deliveries_whose_attempts_were_sent_but_never_finished_are_attempted_again_after_the_lease_and_succeed()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        Directory.CreateDirectory(_file.Folder);
        using var killed = new CancellationTokenSource();
        var leaseFor = (Action<WebhookPublisherOptions>)(o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.LeaseDuration = TimeSpan.FromSeconds(3);
        });

        // The dying node: its writes after an attempt never complete (the process is gone), everything else works.
        var nodeA = await PublisherNode.StartAsync(receiver.Endpoint, b =>
        {
            b.Services.AddSingleton(_ => new SqliteWebhookOutboxStore(new SqliteWebhookOutboxStoreOptions { DatabasePath = _file.Path }));
            b.UseStore(
                sp => UnfinishedWrites.Wrap(sp.GetRequiredService<SqliteWebhookOutboxStore>(), killed.Token),
                sp => sp.GetRequiredService<SqliteWebhookOutboxStore>());
        }, "node-a", leaseFor);
        var ids = Enumerable.Range(0, EventCount).Select(_ => WebhookIdentifiers.NewEventId()).ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            await nodeA.Publisher.PublishAsync(PublisherNode.NewEvent(ids[i], i + 1), CancellationToken.None);
        }

        // Node A's slots for the endpoint fill with attempts that were sent and are never finished.
        var slots = new WebhookPublisherOptions().MaxConcurrentDeliveriesPerEndpoint;
        Assert.True(await receiver.WaitForDistinctAsync(slots, TimeSpan.FromSeconds(30)), $"node A sent {receiver.Distinct} attempts ({receiver.Total} requests)");
        var attemptedByA = ids.Where(id => receiver.CountOf(id) > 0).ToArray();
        await killed.CancelAsync(); // node A dies: its pending finishes fail, nothing of them is written
        await nodeA.DisposeAsync();

        await using var nodeB = await PublisherNode.StartAsync(receiver.Endpoint, b => b.UseSqliteStore(_file.Path), "node-b", leaseFor);
        var monitor = nodeB.Services.GetRequiredService<IWebhookDeliveryMonitor>();
        Assert.Equal(EventCount, (await monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { State = WebhookDeliveryState.Pending, Limit = 1000 }, CancellationToken.None)).Items.Count);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        WebhookDeliveryPage succeeded;
        do
        {
            await Task.Delay(200);
            succeeded = await monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { State = WebhookDeliveryState.Succeeded, Limit = 1000 }, CancellationToken.None);
        }
        while (succeeded.Items.Count < EventCount && DateTime.UtcNow < deadline);

        Assert.Equal(EventCount, succeeded.Items.Count);
        Assert.Equal(slots, attemptedByA.Length);
        Assert.All(attemptedByA, id => Assert.True(receiver.CountOf(id) >= 2, $"{id} was sent by both nodes"));
        Assert.All(ids, id => Assert.True(receiver.CountOf(id) >= 1, $"{id} reached the receiver"));
        Assert.All(succeeded.Items, d => Assert.Equal(1, d.AttemptCount));
    }

    /// <summary>Forwards every worker call to the store, except the writes that finish an attempt, which wait for the kill and then fail.</summary>
    public class UnfinishedWrites : DispatchProxy
    {
        private static readonly HashSet<string> Finishing =
            [nameof(IWebhookOutboxStore.FinishAttemptsAsync), nameof(IWebhookOutboxStore.RecordAttemptAsync), nameof(IWebhookOutboxStore.CompleteAsync), nameof(IWebhookOutboxStore.DeadLetterAsync)];

        private IWebhookOutboxStore _inner = null!;
        private CancellationToken _killed;

        public static IWebhookOutboxStore Wrap(IWebhookOutboxStore inner, CancellationToken killed)
        {
            var proxy = Create<IWebhookOutboxStore, UnfinishedWrites>();
            var self = (UnfinishedWrites)(object)proxy;
            self._inner = inner;
            self._killed = killed;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (Finishing.Contains(targetMethod!.Name))
            {
                var never = Task.Delay(Timeout.Infinite, _killed);
                var resultType = targetMethod.ReturnType.GenericTypeArguments[0];
                return typeof(UnfinishedWrites).GetMethod(nameof(Fail), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(resultType).Invoke(null, [never]);
            }

            return targetMethod.Invoke(_inner, args);
        }

        private static async Task<T> Fail<T>(Task dying)
        {
            await dying.ContinueWith(_ => { }, TaskScheduler.Default);
            throw new OperationCanceledException("the node was killed");
        }
    }
}
