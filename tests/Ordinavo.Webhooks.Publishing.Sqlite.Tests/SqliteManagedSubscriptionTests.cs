using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Publishing.Sqlite.Tests.Infrastructure;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Tests;

/// <summary>
/// Managed subscriptions in a real SQLite file, through real publisher hosts (Data Protection with keys on disk,
/// delivery workers) and a Kestrel receiver on loopback.
/// </summary>
public sealed class SqliteManagedSubscriptionTests : IAsyncLifetime
{
    private const string Tenant = PublisherNode.TenantId;

    /// <summary>Room for a loaded machine; the nodes here poll every 50 ms and cache subscriptions for one second.</summary>
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);

    private static readonly CancellationToken Ct = CancellationToken.None;

    private readonly TempDatabaseFile _file = new();
    private LoopbackReceiver _receiver = null!;

    private string Keys => Path.Combine(_file.Folder, "keys");

    public async Task InitializeAsync() => _receiver = await LoopbackReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _file.Dispose();
    }

    [Fact]
    public async Task The_table_holds_no_secret_and_the_node_reads_it_back_with_its_key_ring()
    {
        await using var node = await StartNodeAsync(Keys);
        var issued = await node.Manager.CreateAsync(Tenant, ManagedPublisherNode.Definition(_receiver.Endpoint), Ct);
        var rotated = await node.Manager.RotateSecretAsync(Tenant, issued.Subscription.Id, TimeSpan.FromHours(1), null, Ct);

        var rows = await ReadRowsAsync();
        var row = Assert.Single(rows);
        Assert.Contains(issued.Subscription.Id, row, StringComparison.Ordinal);
        var fileBytes = ReadDatabaseFiles();
        foreach (var secret in new[] { issued.Secret.ExposeSecret(), rotated.Secret.ExposeSecret() })
        {
            var keyPart = secret["whsec_".Length..];
            Assert.DoesNotContain(secret, row, StringComparison.Ordinal);
            Assert.DoesNotContain(keyPart, row, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(Convert.FromBase64String(keyPart)), row, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(-1, fileBytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(keyPart)));
        }

        // The secrets are stored (encrypted): the node's key ring reads both back for signing.
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

        await using var stranger = await StartNodeAsync(Path.Combine(_file.Folder, "other-keys"));

        var error = await Assert.ThrowsAsync<WebhookPublishingException>(() => stranger.Subscriptions.GetAsync(id, Ct));
        Assert.Equal(WebhookPublishingErrorReason.SecretUnreadable, error.Reason);
        Assert.Contains("key ring", error.Message, StringComparison.Ordinal);

        var eventId = WebhookIdentifiers.NewEventId();
        var result = await stranger.Publisher.PublishAsync(PublisherNode.NewEvent(eventId, 1), Ct);
        Assert.Equal(1, result.DeliveriesEnqueued);
        var delivery = Assert.Single((await stranger.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = eventId }, Ct)).Items);
        Assert.Equal(id, delivery.SubscriptionId);

        // The stranger's worker cannot sign: the delivery stays pending, never sent, never dead-lettered.
        await Task.Delay(500);
        Assert.Equal(WebhookDeliveryState.Pending, (await stranger.Monitor.GetDeliveryAsync(delivery.Id, Ct))!.State);
        Assert.Equal(0, _receiver.CountOf(eventId));
    }

    [Fact]
    public async Task A_subscription_disabled_on_one_node_stops_receiving_from_another_within_the_cache_duration()
    {
        await using var nodeA = await StartNodeAsync(Keys);
        await using var nodeB = await StartNodeAsync(Keys);
        var receiving = (await nodeA.Manager.CreateAsync(Tenant, ManagedPublisherNode.Definition(_receiver.Endpoint), Ct)).Subscription;
        var failing = (await nodeA.Manager.CreateAsync(Tenant, ManagedPublisherNode.Definition(new Uri(_receiver.Endpoint, "/failing")), Ct)).Subscription;

        // Node B publishes and delivers; the failing subscription's delivery keeps being retried.
        var first = WebhookIdentifiers.NewEventId();
        Assert.Equal(2, (await nodeB.Publisher.PublishAsync(PublisherNode.NewEvent(first, 1), Ct)).DeliveriesEnqueued);
        Assert.True(await _receiver.WaitForDistinctAsync(1, Soon));
        Assert.True((await nodeB.Subscriptions.GetAsync(receiving.Id, Ct))!.IsEnabled);

        await nodeA.Manager.DisableAsync(Tenant, receiving.Id, null, null, Ct);
        await nodeA.Manager.DisableAsync(Tenant, failing.Id, null, null, Ct);

        Assert.True(await ManagedPublisherNode.EventuallyAsync(async () =>
            (await nodeB.Subscriptions.GetByTenantAsync(Tenant, Ct)).All(s => !s.IsEnabled) &&
            !(await nodeB.Subscriptions.GetAsync(receiving.Id, Ct))!.IsEnabled, Soon), "Node B still sees the subscriptions enabled.");

        var second = WebhookIdentifiers.NewEventId();
        Assert.Equal(0, (await nodeB.Publisher.PublishAsync(PublisherNode.NewEvent(second, 2), Ct)).DeliveriesEnqueued);
        Assert.Empty((await nodeB.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = second }, Ct)).Items);

        // The pending delivery of the disabled subscription is dead-lettered as SubscriptionDisabled (contract section 7).
        var pending = Assert.Single((await nodeB.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = first, SubscriptionId = failing.Id }, Ct)).Items);
        Assert.True(await ManagedPublisherNode.EventuallyAsync(async () =>
            (await nodeB.Monitor.GetDeliveryAsync(pending.Id, Ct))!.State == WebhookDeliveryState.DeadLettered, Soon));
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
        Assert.True(await _receiver.WaitForDistinctAsync(1, Soon));
        Assert.Equal(1, _receiver.CountOf(eventId));
    }

    [Fact]
    public async Task Without_the_sqlite_outbox_the_host_fails_at_start_naming_the_fix()
    {
        using var host = ManagedPublisherNode.Build(Keys, builder => builder.UseInMemoryStore().UseSqliteSubscriptions());

        // Whichever comes first, the options check or the first service that needs the store, names the fix.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        Assert.True(error is OptionsValidationException or InvalidOperationException, error.GetType().Name);

        Assert.Contains("UseSqliteStore(path)", error.Message, StringComparison.Ordinal);
    }

    private Task<ManagedPublisherNode> StartNodeAsync(string keys) =>
        ManagedPublisherNode.StartAsync(keys, builder => builder
            .UseSqliteStore(_file.Path)
            .UseSqliteSubscriptions(options => options.CacheDuration = TimeSpan.FromSeconds(1)));

    /// <summary>Every column of every row of the subscriptions table, read with plain SQL, as one text per row.</summary>
    private async Task<IReadOnlyList<string>> ReadRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_file.Path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, tenant_id, version, created_at, updated_at, document FROM ordinavo_webhook_subscriptions;";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    /// <summary>The bytes of the database file and its WAL, as they are on disk.</summary>
    private byte[] ReadDatabaseFiles()
    {
        var bytes = new List<byte>();
        foreach (var path in new[] { _file.Path, _file.Path + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            bytes.AddRange(copy.ToArray());
        }

        return [.. bytes];
    }
}
