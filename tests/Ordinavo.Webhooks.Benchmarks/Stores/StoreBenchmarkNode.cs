using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Payloads;
using Ordinavo.Webhooks.Publishing;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Benchmarks.Stores;

/// <summary>A publisher with its delivery worker running (the hosted services started by hand), one subscription to the receiver.</summary>
public sealed class StoreBenchmarkNode : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hosted;

    private StoreBenchmarkNode(ServiceProvider services)
    {
        _services = services;
        _hosted = services.GetServices<IHostedService>().ToArray();
        Publisher = services.GetRequiredService<IWebhookPublisher>();
    }

    public IWebhookPublisher Publisher { get; }

    public static async Task<StoreBenchmarkNode> StartAsync(Uri endpoint, Action<IWebhookPublisherBuilder> useStore)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddOrdinavoWebhookPublisher(options =>
        {
            options.AllowInsecureHttp = true;
            options.AllowedDestinations.Add("127.0.0.1");
            options.PollInterval = TimeSpan.FromMilliseconds(20);
            options.MaxConcurrentDeliveries = 32;
            options.MaxConcurrentDeliveriesPerEndpoint = 32;
            options.LeaseBatchSize = 64;
            options.BusyEndpointDeferral = TimeSpan.FromMilliseconds(20);
            options.Retention = null;
        });
        useStore(builder);
        builder.UseInMemorySubscriptions(store => store.Upsert(new WebhookSubscription
        {
            Id = "sub-bench",
            TenantId = "tenant-bench",
            EndpointUrl = endpoint,
            Secrets = [WebhookSecret.Generate()],
        }));
        var node = new StoreBenchmarkNode(services.BuildServiceProvider());
        foreach (var hosted in node._hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return node;
    }

    /// <summary>Publishes <paramref name="count"/> events, 8 at a time (like request threads of a host).</summary>
    public Task PublishAsync(int count) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await Publisher.PublishAsync(new WebhookEventInput
            {
                EventType = WebhookEventType.TargetImported,
                OccurredAt = DateTimeOffset.UtcNow,
                TenantId = "tenant-bench",
                Target = new TargetRecord { Id = i, TenantId = "tenant-bench", Title = "Maintenance visit" },
            }, ct));

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _hosted.Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}
