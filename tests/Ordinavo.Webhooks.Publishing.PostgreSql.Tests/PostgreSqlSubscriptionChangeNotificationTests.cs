using System.Collections.Concurrent;
using System.Diagnostics;
using Ordinavo.Webhooks.Publishing.PostgreSql.Notifications;
using Ordinavo.Webhooks.Publishing.PostgreSql.Tests.Infrastructure;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Tests;

/// <summary>
/// Subscription changes on the outbox's notification channel: every successful change announces its tenant to the
/// change subscribers of every store on the schema, a refused change announces nothing, and the delivery workers are
/// not woken by them.
/// </summary>
[RequiresPostgres]
public sealed class PostgreSqlSubscriptionChangeNotificationTests : IAsyncLifetime
{
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(5);
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 6, 18, 16, 40, 0, TimeSpan.Zero);

    private PostgresTestDatabase _database = null!;
    private string _channel = null!;

    public async Task InitializeAsync()
    {
        _database = PostgresTestDatabase.Create();
        _channel = new PostgreSqlNotificationChannel(_database.SchemaName).Name;
        await using var store = new PostgreSqlWebhookOutboxStore(_database.Options());
        await store.EnsureSchemaAsync(Ct);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Every_change_announces_its_tenant_to_every_node_and_a_refused_change_announces_nothing()
    {
        await using var outboxA = new PostgreSqlWebhookOutboxStore(_database.Options());
        await using var outboxB = new PostgreSqlWebhookOutboxStore(_database.Options());
        var writer = new PostgreSqlWebhookSubscriptionRecordStore(outboxA);
        var listening = new PostgreSqlWebhookSubscriptionRecordStore(outboxB);
        var changes = new ConcurrentQueue<string?>();
        var wakeUps = 0;
        using var changeSubscription = listening.Subscribe(changes.Enqueue);
        using var wakeSubscription = outboxB.Subscribe(() => Interlocked.Increment(ref wakeUps));
        await WaitUntilAsync(async () => await ListenersAsync() == 1 && changes.Count == 1, "listening did not start");
        Assert.Null(Assert.Single(changes));

        // The workers are woken when listening starts (before the caches are told), if they were subscribed by then.
        var wakeUpsBefore = Volatile.Read(ref wakeUps);

        var record = Record("sub_1", "tenant-1", 1);
        Assert.True(await writer.TryInsertAsync(record, Ct));
        Assert.False(await writer.TryInsertAsync(record, Ct));
        Assert.True(await writer.TryReplaceAsync(Record("sub_1", "tenant-1", 2), 1, Ct));
        Assert.False(await writer.TryReplaceAsync(Record("sub_1", "tenant-1", 2), 1, Ct));
        Assert.False(await writer.TryDeleteAsync("sub_1", 1, Ct));
        Assert.True(await writer.TryDeleteAsync("sub_1", 2, Ct));
        Assert.True(await writer.TryInsertAsync(Record("sub_2", "tenant-2", 1), Ct));

        // Notifications arrive in commit order: a refused change that announced itself would show up before tenant-2.
        await WaitUntilAsync(() => Task.FromResult(changes.Contains("tenant-2")), "the last change was not announced");
        Assert.Equal(Show(null, "tenant-1", "tenant-1", "tenant-1", "tenant-2"), Show(changes));
        Assert.Equal(wakeUpsBefore, Volatile.Read(ref wakeUps));
    }

    [Fact]
    public async Task A_tenant_id_is_announced_as_it_is_and_one_too_long_for_a_notification_as_any_tenant()
    {
        await using var outbox = new PostgreSqlWebhookOutboxStore(_database.Options());
        var records = new PostgreSqlWebhookSubscriptionRecordStore(outbox);
        var changes = new ConcurrentQueue<string?>();
        using var subscription = records.Subscribe(changes.Enqueue);
        await WaitUntilAsync(() => Task.FromResult(changes.Count == 1), "listening did not start");

        const string Quoted = "o'brien \"\u00fc\u4e2d\" s:x";
        var tooLong = new string('t', 9000);
        Assert.True(await records.TryInsertAsync(Record("sub_1", Quoted, 1), Ct));
        Assert.True(await records.TryInsertAsync(Record("sub_2", tooLong, 1), Ct));
        Assert.True(await records.TryInsertAsync(Record("sub_3", "tenant-3", 1), Ct));

        await WaitUntilAsync(() => Task.FromResult(changes.Contains("tenant-3")), "the last change was not announced");
        Assert.Equal(Show(null, Quoted, null, "tenant-3"), Show(changes));
        Assert.Equal(tooLong, (await records.GetAsync("sub_2", Ct))!.TenantId);
    }

    [Fact]
    public async Task After_a_lost_connection_the_change_subscribers_are_told_that_anything_may_have_changed()
    {
        await using var outbox = new PostgreSqlWebhookOutboxStore(_database.Options());
        var records = new PostgreSqlWebhookSubscriptionRecordStore(outbox);
        var changes = new ConcurrentQueue<string?>();
        using var subscription = records.Subscribe(changes.Enqueue);
        await WaitUntilAsync(async () => await ListenersAsync() == 1 && changes.Count == 1, "listening did not start");
        var pid = await _database.ScalarAsync($"SELECT pid FROM pg_stat_activity WHERE query = 'LISTEN \"{_channel}\"';");

        Assert.Equal(true, await _database.ScalarAsync($"SELECT pg_terminate_backend({pid});"));

        await WaitUntilAsync(() => Task.FromResult(changes.Count == 2), "no null after the reconnect");
        Assert.Equal(Show(null, null), Show(changes));
        Assert.True(await records.TryInsertAsync(Record("sub_1", "tenant-1", 1), Ct));
        await WaitUntilAsync(() => Task.FromResult(changes.Count == 3), "a change after the reconnect was not announced");
        Assert.Equal("tenant-1", changes.Last());
    }

    [Fact]
    public async Task With_notifications_off_a_change_announces_nothing_and_the_store_never_calls()
    {
        var options = _database.Options();
        options.ListenForNotifications = false;
        await using var quietOutbox = new PostgreSqlWebhookOutboxStore(options);
        await using var listeningOutbox = new PostgreSqlWebhookOutboxStore(_database.Options());
        var quiet = new PostgreSqlWebhookSubscriptionRecordStore(quietOutbox);
        var listening = new PostgreSqlWebhookSubscriptionRecordStore(listeningOutbox);
        var heard = new ConcurrentQueue<string?>();
        var quietHeard = new ConcurrentQueue<string?>();
        using var listeningSubscription = listening.Subscribe(heard.Enqueue);
        using var quietSubscription = quiet.Subscribe(quietHeard.Enqueue);
        await WaitUntilAsync(() => Task.FromResult(heard.Count == 1), "listening did not start");

        Assert.True(await quiet.TryInsertAsync(Record("sub_1", "tenant-1", 1), Ct));
        Assert.True(await listening.TryInsertAsync(Record("sub_2", "tenant-2", 1), Ct));

        await WaitUntilAsync(() => Task.FromResult(heard.Contains("tenant-2")), "the listening store's own change was not announced");
        Assert.Equal(Show(null, "tenant-2"), Show(heard));
        Assert.Empty(quietHeard);
    }

    private static WebhookSubscriptionRecord Record(string id, string tenantId, long version) => new()
    {
        Id = id,
        TenantId = tenantId,
        Version = version,
        CreatedAt = T0,
        UpdatedAt = T0.AddMinutes(version),
        Document = $"{{\"v\":{version}}}",
    };

    /// <summary>The announced tenants in order, <c>*</c> for "any tenant".</summary>
    private static string Show(params IEnumerable<string?> tenants) => string.Join(" | ", tenants.Select(t => t ?? "*"));

    private async Task<long> ListenersAsync() =>
        (long)(await _database.ScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE query = 'LISTEN \"{_channel}\"';"))!;

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
