using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Publishing.PostgreSql.Notifications;
using Ordinavo.Webhooks.Publishing.PostgreSql.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Tests;

/// <summary>
/// LISTEN/NOTIFY: a publish on one node wakes the delivery worker of another at once. Every node polls only once a
/// minute here, so a delivery within seconds can only come from a notification.
/// </summary>
[RequiresPostgres]
public sealed class PostgreSqlNotificationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan SlowPoll = TimeSpan.FromSeconds(60);

    /// <summary>Well below <see cref="SlowPoll"/>, with room for a loaded CI machine.</summary>
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(5);

    private PostgresTestDatabase _database = null!;
    private string _channel = null!;

    public async Task InitializeAsync()
    {
        _database = PostgresTestDatabase.Create();
        _channel = new PostgreSqlNotificationChannel(_database.SchemaName).Name;
        await using var store = new PostgreSqlWebhookOutboxStore(_database.Options());
        await store.EnsureSchemaAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task An_event_published_on_one_node_is_delivered_by_another_node_long_before_its_next_poll()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        await using var deliverer = await StartNodeAsync(receiver, worker: true);
        await using var publisher = await StartNodeAsync(receiver, worker: false);
        await WaitForListenersAsync(1);

        var latencies = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            var result = await publisher.Publisher.PublishAsync(PublisherNode.NewEvent(WebhookIdentifiers.NewEventId(), i), CancellationToken.None);
            Assert.Equal(1, result.DeliveriesEnqueued);
            Assert.True(await receiver.WaitForDistinctAsync(i + 1, Fast), $"Event {i + 1} was not delivered within {Fast.TotalSeconds} s.");
            latencies.Add(watch.Elapsed);
        }

        output.WriteLine($"publish on node A to delivery by node B: {string.Join(", ", latencies.Select(l => $"{l.TotalMilliseconds:0} ms"))} (poll interval {SlowPoll.TotalSeconds} s)");
        Assert.Equal(0, receiver.Duplicates);
    }

    [Fact]
    public async Task A_host_transaction_notifies_on_commit_only_and_a_rollback_wakes_nobody()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        await using var deliverer = await StartNodeAsync(receiver, worker: true);
        await using var watcher = new PostgreSqlWebhookOutboxStore(_database.Options());
        var wakeUps = 0;
        using var subscription = watcher.Subscribe(() => Interlocked.Increment(ref wakeUps));
        await WaitForListenersAsync(2);
        await Task.Delay(200);
        var before = Volatile.Read(ref wakeUps);

        var hostStore = deliverer.Services.GetRequiredService<PostgreSqlWebhookOutboxStore>();
        var rolledBack = await deliverer.Publisher.PrepareAsync(PublisherNode.NewEvent(WebhookIdentifiers.NewEventId(), 1), CancellationToken.None);
        var committed = await deliverer.Publisher.PrepareAsync(PublisherNode.NewEvent(WebhookIdentifiers.NewEventId(), 2), CancellationToken.None);
        await using (var connection = await PostgresTestDatabase.DataSource.OpenConnectionAsync())
        {
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                Assert.True(await hostStore.EnqueueAsync(rolledBack, transaction, CancellationToken.None));
                await Task.Delay(500);
                Assert.Equal(before, Volatile.Read(ref wakeUps));
                await transaction.RollbackAsync();
            }

            Stopwatch watch;
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                Assert.True(await hostStore.EnqueueAsync(committed, transaction, CancellationToken.None));
                watch = Stopwatch.StartNew();
                await transaction.CommitAsync();
            }

            // Notifications arrive in commit order: had the rolled-back transaction notified, it would come first.
            Assert.True(await receiver.WaitForDistinctAsync(1, Fast), "The committed event was not delivered at once.");
            output.WriteLine($"commit to delivery: {watch.Elapsed.TotalMilliseconds:0} ms");
        }

        await WaitUntilAsync(() => Volatile.Read(ref wakeUps) > before, "the commit did not wake the listening store");
        await Task.Delay(300);
        Assert.Equal(before + 1, Volatile.Read(ref wakeUps));
        Assert.Equal(1, receiver.CountOf(committed.EventId));
        Assert.Equal(0, receiver.CountOf(rolledBack.EventId));
    }

    [Fact]
    public async Task The_listener_reconnects_after_its_connection_is_terminated()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        await using var deliverer = await StartNodeAsync(receiver, worker: true);
        await using var publisher = await StartNodeAsync(receiver, worker: false);
        await WaitForListenersAsync(1);
        var terminatedPid = await _database.ScalarAsync($"SELECT pid FROM pg_stat_activity WHERE query = 'LISTEN \"{_channel}\"';");

        Assert.Equal(true, await _database.ScalarAsync($"SELECT pg_terminate_backend({terminatedPid});"));
        var watch = Stopwatch.StartNew();
        await WaitUntilAsync(async () => await ListenersAsync() == 1 &&
            !Equals(await _database.ScalarAsync($"SELECT pid FROM pg_stat_activity WHERE query = 'LISTEN \"{_channel}\"';"), terminatedPid),
            "the listener did not listen again");
        output.WriteLine($"listening again {watch.Elapsed.TotalMilliseconds:0} ms after the connection was terminated");

        watch.Restart();
        await publisher.Publisher.PublishAsync(PublisherNode.NewEvent(WebhookIdentifiers.NewEventId(), 1), CancellationToken.None);
        Assert.True(await receiver.WaitForDistinctAsync(1, Fast), "After the reconnect a publish was not delivered at once.");
        output.WriteLine($"publish to delivery after the reconnect: {watch.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_store_ignores_its_own_publishes_and_duplicates_and_empty_events_notify_nobody()
    {
        await using var listening = new PostgreSqlWebhookOutboxStore(_database.Options());
        await using var other = new PostgreSqlWebhookOutboxStore(_database.Options());
        var wakeUps = 0;
        var subscription = listening.Subscribe(() => Interlocked.Increment(ref wakeUps));
        await WaitForListenersAsync(1);
        await WaitUntilAsync(() => Volatile.Read(ref wakeUps) == 1, "listening did not start with one wake-up");

        var own = WebhookIdentifiers.NewEventId();
        Assert.True(await listening.EnqueueAsync(TestEvents.Prepared(own), CancellationToken.None));
        var duplicate = await other.EnqueueAsync(TestEvents.Prepared(own), CancellationToken.None);
        Assert.False(duplicate);
        var empty = new WebhookPreparedEvent
        {
            EventId = WebhookIdentifiers.NewEventId(),
            TenantId = "tenant-123",
            EventType = "target.imported",
            CreatedAt = DateTimeOffset.UtcNow,
            Deliveries = [],
        };
        Assert.True(await other.EnqueueAsync(empty, CancellationToken.None));
        Assert.True(await other.EnqueueAsync(TestEvents.Prepared(WebhookIdentifiers.NewEventId()), CancellationToken.None));

        // Only the last enqueue notified; notifications arrive in order, so nothing else can come after it.
        await WaitUntilAsync(() => Volatile.Read(ref wakeUps) >= 2, "another store's publish did not wake the listening store");
        await Task.Delay(300);
        Assert.Equal(2, Volatile.Read(ref wakeUps));

        subscription.Dispose();
        await WaitUntilAsync(async () => await ListenersAsync() == 0, "the last subscription's end did not stop listening");
    }

    [Fact]
    public async Task With_notifications_off_the_store_neither_notifies_nor_listens()
    {
        var options = _database.Options();
        options.ListenForNotifications = false;
        await using var quiet = new PostgreSqlWebhookOutboxStore(options);
        await using var listening = new PostgreSqlWebhookOutboxStore(_database.Options());
        var wakeUps = 0;
        using var listeningSubscription = listening.Subscribe(() => Interlocked.Increment(ref wakeUps));
        using var quietSubscription = quiet.Subscribe(() => Interlocked.Increment(ref wakeUps));
        await WaitForListenersAsync(1);
        await WaitUntilAsync(() => Volatile.Read(ref wakeUps) == 1, "listening did not start with one wake-up");

        Assert.True(await quiet.EnqueueAsync(TestEvents.Prepared(WebhookIdentifiers.NewEventId()), CancellationToken.None));
        await Task.Delay(500);
        Assert.Equal(1, Volatile.Read(ref wakeUps));
        Assert.Equal(1L, await ListenersAsync());
    }

    [Fact]
    public void The_channel_is_named_after_the_schema_and_kept_within_63_characters()
    {
        Assert.Equal("ordinavo_webhooks_ordinavo_webhooks", new PostgreSqlNotificationChannel("ordinavo_webhooks").Name);
        Assert.Equal("ordinavo_webhooks_Tenant_A", new PostgreSqlNotificationChannel("Tenant_A").Name);

        var longA = new PostgreSqlNotificationChannel(new string('a', 63)).Name;
        var longB = new PostgreSqlNotificationChannel(new string('a', 62) + "b").Name;
        Assert.Equal(63, longA.Length);
        Assert.Equal(63, longB.Length);
        Assert.StartsWith("ordinavo_webhooks_aaaa", longA, StringComparison.Ordinal);
        Assert.NotEqual(longA, longB);
    }

    private Task<PublisherNode> StartNodeAsync(LoopbackReceiver receiver, bool worker) =>
        PublisherNode.StartAsync(receiver.Endpoint,
            builder => builder.UsePostgreSqlStore(PostgresTestDatabase.ConnectionString, o => o.SchemaName = _database.SchemaName),
            configure: o =>
            {
                o.PollInterval = SlowPoll;
                o.EnableDeliveryWorker = worker;
            });

    /// <summary>How many sessions listen on this schema's channel now (the listener's last statement is its LISTEN).</summary>
    private async Task<long> ListenersAsync() =>
        (long)(await _database.ScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE query = 'LISTEN \"{_channel}\"';"))!;

    private async Task WaitForListenersAsync(long count)
    {
        try
        {
            await WaitUntilAsync(async () => await ListenersAsync() == count, $"{count} listener(s) did not start listening");
        }
        catch
        {
            output.WriteLine((string?)await _database.ScalarAsync("SELECT string_agg(pid || ': ' || query, E'\\n') FROM pg_stat_activity WHERE query LIKE '%LISTEN%';"));
            throw;
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition, string failure) =>
        WaitUntilAsync(() => Task.FromResult(condition()), failure);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < Fast, $"Within {Fast.TotalSeconds} s {failure}.");
            await Task.Delay(20);
        }
    }
}
