using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing.Tests.Support;

/// <summary>The real publisher (real clock, real HttpClient with the SSRF guard, real worker) for integration tests.</summary>
public sealed class PublisherHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hosted;

    private PublisherHost(ServiceProvider services)
    {
        _services = services;
        _hosted = [.. services.GetServices<IHostedService>()];
    }

    public IServiceProvider Services => _services;

    public IWebhookPublisher Publisher => _services.GetRequiredService<IWebhookPublisher>();

    public IWebhookOperations Operations => _services.GetRequiredService<IWebhookOperations>();

    public IWebhookOutboxStore Outbox => _services.GetRequiredService<IWebhookOutboxStore>();

    /// <summary>The outbox's query and operations seam (the same store).</summary>
    public IWebhookDeliveryMonitor Monitor => _services.GetRequiredService<IWebhookDeliveryMonitor>();

    public InMemoryWebhookSubscriptionStore Subscriptions => _services.GetRequiredService<InMemoryWebhookSubscriptionStore>();

    public async Task StartWorkerAsync()
    {
        foreach (var hosted in _hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }

    public static async Task<PublisherHost> StartAsync(Action<WebhookPublisherOptions> configure, bool startWorker = true, bool deferWorkerStart = false, Action<IServiceCollection>? configureServices = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        configureServices?.Invoke(services);
        services.AddOrdinavoWebhookPublisher(o =>
            {
                o.AllowInsecureHttp = true;
                o.AllowedDestinations = ["127.0.0.1"];
                o.PollInterval = TimeSpan.FromMilliseconds(50);
                configure(o);
                o.EnableDeliveryWorker = startWorker && o.EnableDeliveryWorker;
            })
            .UseInMemoryStore()
            .UseInMemorySubscriptions();
        var host = new PublisherHost(services.BuildServiceProvider());
        if (!deferWorkerStart)
        {
            await host.StartWorkerAsync();
        }

        return host;
    }

    public WebhookSubscription Subscribe(string id, Uri endpoint, WebhookSecret secret, string tenantId = PayloadInputs.TenantId)
    {
        var subscription = new WebhookSubscription
        {
            Id = id,
            TenantId = tenantId,
            EndpointUrl = endpoint,
            Secrets = [secret],
        };
        Subscriptions.Upsert(subscription);
        return subscription;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _hosted)
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}
