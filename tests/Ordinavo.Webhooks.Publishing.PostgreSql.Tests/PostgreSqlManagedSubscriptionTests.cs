using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Publishing.PostgreSql.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Tests;

/// <summary>
/// Managed subscriptions on a real PostgreSQL server, through real publisher hosts (Data Protection with keys on disk,
/// delivery workers) and a Kestrel receiver on loopback. The nodes cache subscriptions for a minute: a change seen by
/// another node within seconds can only have come through the notification channel.
/// </summary>
[RequiresPostgres]
public sealed class PostgreSqlManagedSubscriptionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Tenant = PublisherNode.TenantId;

    private static readonly TimeSpan LongCache = TimeSpan.FromMinutes(1);

    /// <summary>Well below <see cref="LongCache"/>, with room for a loaded machine.</summary>
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(10);

    private static readonly CancellationToken Ct = CancellationToken.None;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ordinavo-pg-tests", Guid.NewGuid().ToString("N"));
    private PostgresTestDatabase _database = null!;
    private LoopbackReceiver _receiver = null!;

    private string Keys => Path.Combine(_folder, "keys");

    public async Task InitializeAsync()
    {
        _database = PostgresTestDatabase.Create();
        _receiver = await LoopbackReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _database.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_table_holds_no_secret_and_the_node_reads_it_back_with_its_key_ring()
    {
        await using var node = await StartNodeAsync(Keys);
        var issued = await node.Manager.CreateAsync(Tenant, ManagedPublisherNode.Definition(_receiver.Endpoint), Ct);
        var rotated = await node.Manager.RotateSecretAsync(Tenant, issued.Subscription.Id, TimeSpan.FromHours(1), null, Ct);

        // Every column of the table as text, read with plain SQL.
        var table = (string?)await _database.ScalarAsync(
            "SELECT string_agg(concat_ws('|', id, tenant_id, version, created_at, updated_at, document), E'\\n') FROM __schema__.subscriptions;");
        Assert.NotNull(table);
        Assert.Contains(issued.Subscription.Id, table, StringComparison.Ordinal);
        foreach (var secret in new[] { issued.Secret.ExposeSecret(), rotated.Secret.ExposeSecret() })
        {
            var keyPart = secret["whsec_".Length..];
            Assert.DoesNotContain(secret, table, StringComparison.Ordinal);
            Assert.DoesNotContain(keyPart, table, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(Convert.FromBase64String(keyPart)), table, StringComparison.OrdinalIgnoreCase);
        }

        var subscription = await node.Subscriptions.GetAsync(issued.Subscription.Id, Ct);
        Assert.Equal(
            new[] { issued.Secret.ExposeSecret(), rotated.Secret.ExposeSecret() }.Order(StringComparer.Ordinal),
            subscription!.Secrets.Select(s => s.ExposeSecret()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_host_with_another_key_ring_gets_SecretUnreadable_and_still_enqueues()
    {
        string id;
        await using (var owner = await StartNodeAsync(Keys))
        {
            id = (await owner.Manager.CreateAsync(Tenant, ManagedPublisherNode.Definition(_receiver.Endpoint), Ct)).Subscription.Id;
        }

        await using var stranger = await StartNodeAsync(Path.Combine(_folder, "other-keys"));

        var error = await Assert.ThrowsAsync<WebhookPublishingException>(() => stranger.Subscriptions.GetAsync(id, Ct));
        Assert.Equal(WebhookPublishingErrorReason.SecretUnreadable, error.Reason);

        var eventId = WebhookIdentifiers.NewEventId();
        Assert.Equal(1, (await stranger.Publisher.PublishAsync(PublisherNode.NewEvent(eventId, 1), Ct)).DeliveriesEnqueued);
        var delivery = Assert.Single((await stranger.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = eventId }, Ct)).Items);
        Assert.Equal(id, delivery.SubscriptionId);

        // The stranger's worker cannot sign: the delivery stays pending, never sent, never dead-lettered.
        await Task.Delay(500);
        Assert.Equal(WebhookDeliveryState.Pending, (await stranger.Monitor.GetDeliveryAsync(delivery.Id, Ct))!.State);
        Assert.Equal(0, _receiver.CountOf(eventId));
    }

    [Fact]
    public async Task A_subscription_disabled_on_one_node_stops_receiving_from_another_at_once_through_the_notification()
    {
        await using var nodeA = await StartNodeAsync(Keys);
        await using var nodeB = await StartNodeAsync(Keys);
        var receiving = (await nodeA.Manager.CreateAsync(Tenant, ManagedPublisherNode.Definition(_receiver.Endpoint), Ct)).Subscription;
        var failing = (await nodeA.Manager.CreateAsync(Tenant, ManagedPublisherNode.Definition(new Uri(_receiver.Endpoint, "/failing")), Ct)).Subscription;

        // Node B publishes and delivers (its listener runs by now); then it caches both subscriptions for a minute.
        var first = WebhookIdentifiers.NewEventId();
        Assert.Equal(2, (await nodeB.Publisher.PublishAsync(PublisherNode.NewEvent(first, 1), Ct)).DeliveriesEnqueued);
        Assert.True(await _receiver.WaitForDistinctAsync(1, Fast));
        Assert.All(await nodeB.Subscriptions.GetByTenantAsync(Tenant, Ct), s => Assert.True(s.IsEnabled));
        Assert.True((await nodeB.Subscriptions.GetAsync(receiving.Id, Ct))!.IsEnabled);

        var watch = Stopwatch.StartNew();
        await nodeA.Manager.DisableAsync(Tenant, receiving.Id, null, null, Ct);
        await nodeA.Manager.DisableAsync(Tenant, failing.Id, null, null, Ct);

        Assert.True(await ManagedPublisherNode.EventuallyAsync(async () =>
            (await nodeB.Subscriptions.GetByTenantAsync(Tenant, Ct)).All(s => !s.IsEnabled) &&
            !(await nodeB.Subscriptions.GetAsync(receiving.Id, Ct))!.IsEnabled, Fast), "Node B still sees the subscriptions enabled.");
        output.WriteLine($"disabled on node A to seen by node B: {watch.Elapsed.TotalMilliseconds:0} ms (cache duration {LongCache.TotalSeconds} s)");

        var second = WebhookIdentifiers.NewEventId();
        Assert.Equal(0, (await nodeB.Publisher.PublishAsync(PublisherNode.NewEvent(second, 2), Ct)).DeliveriesEnqueued);
        Assert.Empty((await nodeB.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = second }, Ct)).Items);

        // The pending delivery of the disabled subscription is dead-lettered as SubscriptionDisabled (contract section 7).
        var pending = Assert.Single((await nodeB.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = first, SubscriptionId = failing.Id }, Ct)).Items);
        Assert.True(await ManagedPublisherNode.EventuallyAsync(async () =>
            (await nodeB.Monitor.GetDeliveryAsync(pending.Id, Ct))!.State == WebhookDeliveryState.DeadLettered, Fast));
        Assert.Equal(WebhookDeadLetterReason.SubscriptionDisabled, (await nodeB.Monitor.GetDeliveryAsync(pending.Id, Ct))!.DeadLetterReason);
        Assert.Equal(0, _receiver.CountOf(second));
    }

    [Fact]
    public async Task A_subscription_survives_a_restart_and_delivers_from_the_new_host()
    {
        WebhookIssuedSecret issued;
        await using (var before = await StartNodeAsync(Keys))
        {
            issued = await before.Manager.CreateAsync(Tenant, ManagedPublisherNode.Definition(_receiver.Endpoint), Ct);
        }

        await using var after = await StartNodeAsync(Keys);
        var found = await after.Manager.GetAsync(Tenant, issued.Subscription.Id, Ct);
        Assert.NotNull(found);
        Assert.Equal(issued.Subscription.Version, found.Version);
        Assert.Equal(issued.Secret.ExposeSecret(), (await after.Subscriptions.GetAsync(found.Id, Ct))!.Secrets.Single().ExposeSecret());

        var eventId = WebhookIdentifiers.NewEventId();
        Assert.Equal(1, (await after.Publisher.PublishAsync(PublisherNode.NewEvent(eventId, 1), Ct)).DeliveriesEnqueued);
        Assert.True(await _receiver.WaitForDistinctAsync(1, Fast));
        Assert.Equal(1, _receiver.CountOf(eventId));
    }

    [Fact]
    public async Task Without_the_postgresql_outbox_the_host_fails_at_start_naming_the_fix()
    {
        using var host = ManagedPublisherNode.Build(Keys, builder => builder.UseInMemoryStore().UsePostgreSqlSubscriptions());

        // Whichever comes first, the options check or the first service that needs the store, names the fix.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        Assert.True(error is OptionsValidationException or InvalidOperationException, error.GetType().Name);
        Assert.Contains("UsePostgreSqlStore(connectionString)", error.Message, StringComparison.Ordinal);
    }

    private Task<ManagedPublisherNode> StartNodeAsync(string keys) =>
        ManagedPublisherNode.StartAsync(keys, builder => builder
            .UsePostgreSqlStore(PostgresTestDatabase.ConnectionString, o => o.SchemaName = _database.SchemaName)
            .UsePostgreSqlSubscriptions(options => options.CacheDuration = LongCache));
}
