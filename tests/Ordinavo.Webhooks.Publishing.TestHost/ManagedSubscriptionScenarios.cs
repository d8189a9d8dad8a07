using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Contracts;
using Xunit;

namespace Ordinavo.Webhooks.Publishing.TestHost;

/// <summary>
/// The managed-subscription scenarios every durable subscription store runs through real publisher hosts (Data
/// Protection with keys on disk, delivery workers) and a Kestrel receiver on loopback: another key ring, a disable
/// seen by a second node, a restart, and the start-up failure without the store's outbox. A store's test class
/// derives from it and supplies the store setup (as the store conformance suites do).
/// </summary>
public abstract class ManagedSubscriptionScenarios : IAsyncLifetime
{
    /// <summary>The tenant of every scenario.</summary>
    protected const string Tenant = PublisherNode.TenantId;

    /// <summary>No cancellation.</summary>
    protected static readonly CancellationToken Ct = CancellationToken.None;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ordinavo-managed-scenarios", Guid.NewGuid().ToString("N"));

    /// <summary>The loopback receiver the subscriptions deliver to.</summary>
    protected LoopbackReceiver Receiver { get; private set; } = null!;

    /// <summary>The Data Protection key folder the nodes share.</summary>
    protected string Keys => Path.Combine(_folder, "keys");

    /// <summary>How long a change may take to reach another node, with room for a loaded machine.</summary>
    protected abstract TimeSpan Soon { get; }

    /// <summary>The call the start-up failure without the outbox must name, for example <c>UseSqliteStore(path)</c>.</summary>
    protected abstract string OutboxFix { get; }

    /// <summary>Starts a node on the store under test with its Data Protection keys in <paramref name="keyFolder"/>.</summary>
    protected abstract Task<ManagedPublisherNode> StartNodeAsync(string keyFolder);

    /// <summary>Chooses the store's managed subscriptions on <paramref name="builder"/>, but no outbox of the store.</summary>
    protected abstract void UseSubscriptionsWithoutTheOutbox(IWebhookPublisherBuilder builder);

    /// <summary>Told how long a disable on one node took to be seen by the other (for the test output).</summary>
    protected virtual void OnDisableSeen(TimeSpan elapsed)
    {
    }

    /// <inheritdoc />
    public virtual async Task InitializeAsync() => Receiver = await LoopbackReceiver.StartAsync();

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_host_with_another_key_ring_gets_SecretUnreadable_and_still_enqueues()
    {
        string id;
        await using (var owner = await StartNodeAsync(Keys))
        {
            id = (await owner.Manager.CreateAsync(Tenant, ManagedPublisherNode.Definition(Receiver.Endpoint), Ct)).Subscription.Id;
        }

        await using var stranger = await StartNodeAsync(Path.Combine(_folder, "other-keys"));

        var error = await Assert.ThrowsAsync<WebhookPublishingException>(() => stranger.Subscriptions.GetAsync(id, Ct));
        Assert.Equal(WebhookPublishingErrorReason.SecretUnreadable, error.Reason);
        Assert.Contains("key ring", error.Message, StringComparison.Ordinal);

        var eventId = WebhookIdentifiers.NewEventId();
        Assert.Equal(1, (await stranger.Publisher.PublishAsync(PublisherNode.NewEvent(eventId, 1), Ct)).DeliveriesEnqueued);
        var delivery = Assert.Single((await stranger.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = eventId }, Ct)).Items);
        Assert.Equal(id, delivery.SubscriptionId);

        // The stranger's worker cannot sign: the delivery stays pending, never sent, never dead-lettered.
        await Task.Delay(500);
        Assert.Equal(WebhookDeliveryState.Pending, (await stranger.Monitor.GetDeliveryAsync(delivery.Id, Ct))!.State);
        Assert.Equal(0, Receiver.CountOf(eventId));
    }

    [Fact]
    public async Task A_subscription_disabled_on_one_node_stops_receiving_from_another_soon()
    {
        await using var nodeA = await StartNodeAsync(Keys);
        await using var nodeB = await StartNodeAsync(Keys);
        var receiving = (await nodeA.Manager.CreateAsync(Tenant, ManagedPublisherNode.Definition(Receiver.Endpoint), Ct)).Subscription;
        var failing = (await nodeA.Manager.CreateAsync(Tenant, ManagedPublisherNode.Definition(new Uri(Receiver.Endpoint, "/failing")), Ct)).Subscription;

        // Node B publishes and delivers; then it has both subscriptions cached, and the failing one's delivery is retried.
        var first = WebhookIdentifiers.NewEventId();
        Assert.Equal(2, (await nodeB.Publisher.PublishAsync(PublisherNode.NewEvent(first, 1), Ct)).DeliveriesEnqueued);
        Assert.True(await Receiver.WaitForDistinctAsync(1, Soon));
        Assert.All(await nodeB.Subscriptions.GetByTenantAsync(Tenant, Ct), s => Assert.True(s.IsEnabled));
        Assert.True((await nodeB.Subscriptions.GetAsync(receiving.Id, Ct))!.IsEnabled);

        var watch = Stopwatch.StartNew();
        await nodeA.Manager.DisableAsync(Tenant, receiving.Id, null, null, Ct);
        await nodeA.Manager.DisableAsync(Tenant, failing.Id, null, null, Ct);

        Assert.True(await ManagedPublisherNode.EventuallyAsync(async () =>
            (await nodeB.Subscriptions.GetByTenantAsync(Tenant, Ct)).All(s => !s.IsEnabled) &&
            !(await nodeB.Subscriptions.GetAsync(receiving.Id, Ct))!.IsEnabled, Soon), "Node B still sees the subscriptions enabled.");
        OnDisableSeen(watch.Elapsed);

        var second = WebhookIdentifiers.NewEventId();
        Assert.Equal(0, (await nodeB.Publisher.PublishAsync(PublisherNode.NewEvent(second, 2), Ct)).DeliveriesEnqueued);
        Assert.Empty((await nodeB.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = second }, Ct)).Items);

        // The pending delivery of the disabled subscription is dead-lettered as SubscriptionDisabled (contract section 7).
        var pending = Assert.Single((await nodeB.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = first, SubscriptionId = failing.Id }, Ct)).Items);
        Assert.True(await ManagedPublisherNode.EventuallyAsync(async () =>
            (await nodeB.Monitor.GetDeliveryAsync(pending.Id, Ct))!.State == WebhookDeliveryState.DeadLettered, Soon));
        Assert.Equal(WebhookDeadLetterReason.SubscriptionDisabled, (await nodeB.Monitor.GetDeliveryAsync(pending.Id, Ct))!.DeadLetterReason);
        Assert.Equal(0, Receiver.CountOf(second));
    }

    [Fact]
    public async Task A_subscription_survives_a_restart_and_delivers_from_the_new_host()
    {
        WebhookIssuedSecret issued;
        await using (var before = await StartNodeAsync(Keys))
        {
            issued = await before.Manager.CreateAsync(Tenant, ManagedPublisherNode.Definition(Receiver.Endpoint), Ct);
        }

        await using var after = await StartNodeAsync(Keys);
        var found = await after.Manager.GetAsync(Tenant, issued.Subscription.Id, Ct);
        Assert.NotNull(found);
        Assert.Equal(issued.Subscription.Version, found.Version);
        Assert.Equal(issued.Secret.ExposeSecret(), (await after.Subscriptions.GetAsync(found.Id, Ct))!.Secrets.Single().ExposeSecret());

        var eventId = WebhookIdentifiers.NewEventId();
        Assert.Equal(1, (await after.Publisher.PublishAsync(PublisherNode.NewEvent(eventId, 1), Ct)).DeliveriesEnqueued);
        Assert.True(await Receiver.WaitForDistinctAsync(1, Soon));
        Assert.Equal(1, Receiver.CountOf(eventId));
    }

    [Fact]
    public async Task Without_the_stores_outbox_the_host_fails_at_start_naming_the_fix()
    {
        using var host = ManagedPublisherNode.Build(Keys, builder =>
        {
            builder.UseInMemoryStore();
            UseSubscriptionsWithoutTheOutbox(builder);
        });

        // Whichever comes first, the options check or the first service that needs the store, names the fix.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        Assert.True(error is OptionsValidationException or InvalidOperationException, error.GetType().Name);
        Assert.Contains(OutboxFix, error.Message, StringComparison.Ordinal);
    }
}
