using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Payloads;
using Ordinavo.Webhooks.Publishing;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Benchmarks.Subscriptions;

/// <summary>
/// Publishing one event for a tenant with <see cref="Tenants"/> x <see cref="PerTenant"/> = 1,000 subscriptions stored
/// (one of the tenant's ten takes the event type, the other nine take another type): managed subscriptions in a
/// durable record store (through the publisher's subscription cache, default cache duration) against the same
/// subscriptions in an <see cref="InMemoryWebhookSubscriptionStore"/> (the baseline). Both publishers use an in-memory
/// outbox and no delivery worker, so the subscription read is what differs. Each operation publishes for the next
/// tenant in turn; the outboxes are emptied between iterations (not measured). 40 warm-up iterations (not the shared
/// default): on the loaded 2-core machine the tiered JIT needs several seconds before the publish path runs its final code.
/// </summary>
[InvocationCount(Invocations)]
[WarmupCount(40)]
[IterationCount(20)]
public abstract class SubscriptionStorePublishBenchmarks
{
    public const int Tenants = 100;
    public const int PerTenant = 10;
    private const int Invocations = 4000;

    private readonly string _keys = Path.Combine(Path.GetTempPath(), "ordinavo-subscription-bench-keys-" + Guid.NewGuid().ToString("N"));
    private Node _inMemory = null!;
    private Node _durable = null!;
    private int _next;

    /// <summary>Creates the durable record store under test (empty).</summary>
    protected abstract Task<IWebhookSubscriptionRecordStore> CreateRecordStoreAsync();

    /// <summary>Releases what <see cref="CreateRecordStoreAsync"/> made.</summary>
    protected abstract Task DisposeRecordStoreAsync();

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _inMemory = Node.Build(_keys, builder => builder.UseInMemorySubscriptions(store =>
        {
            for (var t = 0; t < Tenants; t++)
            {
                for (var i = 0; i < PerTenant; i++)
                {
                    var definition = Definition(t, i);
                    store.Upsert(new WebhookSubscription
                    {
                        Id = $"sub_{t:D3}_{i:D2}",
                        TenantId = Tenant(t),
                        EndpointUrl = definition.EndpointUrl,
                        EventFilter = new WebhookEventFilter(definition.EventTypes),
                        Secrets = [WebhookSecret.Generate()],
                    });
                }
            }
        }));

        var records = await CreateRecordStoreAsync();
        _durable = Node.Build(_keys, builder => builder.UseSubscriptionRecordStore(_ => records));
        var manager = _durable.Services.GetRequiredService<IWebhookSubscriptionManager>();
        await Task.WhenAll(Enumerable.Range(0, Tenants).Select(async t =>
        {
            for (var i = 0; i < PerTenant; i++)
            {
                await manager.CreateAsync(Tenant(t), Definition(t, i), CancellationToken.None);
            }
        }));

        // Both publishers must find exactly one subscription per tenant.
        for (var t = 0; t < Tenants; t++)
        {
            foreach (var node in new[] { _inMemory, _durable })
            {
                var result = await node.Publisher.PublishAsync(Input(t), CancellationToken.None);
                if (result.DeliveriesEnqueued != 1)
                {
                    throw new InvalidOperationException($"Tenant {t}: {result.DeliveriesEnqueued} deliveries instead of 1.");
                }
            }
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _inMemory.Services.DisposeAsync();
        await _durable.Services.DisposeAsync();
        await DisposeRecordStoreAsync();
        Directory.Delete(_keys, recursive: true);
    }

    /// <summary>
    /// Empties both outboxes (the deliveries are completed and purged), so that every iteration starts alike. The
    /// count shows in the log: one delivery per operation of the iteration before, so every publish found its subscription.
    /// </summary>
    [IterationSetup]
    public void EmptyOutboxes()
    {
        var drained = _inMemory.Drain() + _durable.Drain();
        Console.WriteLine($"// deliveries of the last iteration: {drained}");
    }

    [Benchmark(Baseline = true)]
    public Task<WebhookPublishResult> InMemorySubscriptionStore() =>
        _inMemory.Publisher.PublishAsync(Input(NextTenant()), CancellationToken.None);

    [Benchmark]
    public Task<WebhookPublishResult> DurableSubscriptionStore() =>
        _durable.Publisher.PublishAsync(Input(NextTenant()), CancellationToken.None);

    private int NextTenant() => (int)((uint)Interlocked.Increment(ref _next) % Tenants);

    private static string Tenant(int t) => $"tenant-{t:D3}";

    private static WebhookSubscriptionDefinition Definition(int t, int i) => new()
    {
        EndpointUrl = new Uri($"https://receiver{t}.example/hooks/{i}"),
        EventTypes = [i == 0 ? WebhookEventType.TargetImported.Value : WebhookEventType.VisitReportApproved.Value],
    };

    private static WebhookEventInput Input(int t) => new()
    {
        EventId = WebhookIdentifiers.NewEventId(),
        EventType = WebhookEventType.TargetImported,
        OccurredAt = DateTimeOffset.UtcNow,
        TenantId = Tenant(t),
        Target = new TargetRecord { Id = 42, TenantId = Tenant(t), Title = "Maintenance visit" },
    };

    /// <summary>A publisher (in-memory outbox, no worker) with the subscription store chosen by the caller.</summary>
    private sealed class Node
    {
        private Node(ServiceProvider services) => Services = services;

        public ServiceProvider Services { get; }

        public IWebhookPublisher Publisher => Services.GetRequiredService<IWebhookPublisher>();

        public static Node Build(string keys, Action<IWebhookPublisherBuilder> subscriptions)
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys)).SetApplicationName("ordinavo-benchmarks");
            subscriptions(services.AddOrdinavoWebhookPublisher(o => o.Retention = null).UseInMemoryStore());
            return new Node(services.BuildServiceProvider());
        }

        public int Drain()
        {
            var store = Services.GetRequiredService<IWebhookOutboxStore>();
            var now = DateTimeOffset.UtcNow;
            var drained = 0;
            while (true)
            {
                var leased = store.LeaseDueAsync("bench", now.AddDays(1), 10_000, TimeSpan.FromMinutes(1), CancellationToken.None).GetAwaiter().GetResult();
                if (leased.Count == 0)
                {
                    break;
                }

                drained += leased.Count;
                var outcomes = leased
                    .Select(d => new WebhookAttemptOutcome { DeliveryId = d.Id, LeaseOwner = "bench", Resolution = WebhookAttemptResolution.Succeeded, At = now })
                    .ToArray();
                store.FinishAttemptsAsync(outcomes, CancellationToken.None).GetAwaiter().GetResult();
            }

            Services.GetRequiredService<IWebhookDeliveryMonitor>().PurgeAsync(DateTimeOffset.MaxValue, includeDeadLetters: true, CancellationToken.None).GetAwaiter().GetResult();
            return drained;
        }
    }
}
