using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Payloads;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing.TestHost;

/// <summary>
/// One publisher "node": its own service provider with the publisher, a durable store and its delivery worker (the
/// hosted services started as a host would), subscribed with one subscription to a loopback receiver.
/// </summary>
public sealed class PublisherNode : IAsyncDisposable
{
    /// <summary>The subscription id every node uses.</summary>
    public const string SubscriptionId = "sub-loopback";

    /// <summary>The tenant every node uses.</summary>
    public const string TenantId = "tenant-123";

    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hosted;

    private PublisherNode(ServiceProvider services)
    {
        _services = services;
        _hosted = services.GetServices<IHostedService>().ToArray();
    }

    /// <summary>The publisher.</summary>
    public IWebhookPublisher Publisher => _services.GetRequiredService<IWebhookPublisher>();

    /// <summary>The node's services.</summary>
    public IServiceProvider Services => _services;

    /// <summary>Builds and starts a node; <paramref name="useStore"/> chooses the store on the builder.</summary>
    public static async Task<PublisherNode> StartAsync(Uri endpoint, Action<IWebhookPublisherBuilder> useStore, string? workerId = null, Action<WebhookPublisherOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddOrdinavoWebhookPublisher(options =>
        {
            options.AllowInsecureHttp = true;
            options.AllowedDestinations.Add("127.0.0.1");
            options.PollInterval = TimeSpan.FromMilliseconds(50);
            options.RetrySchedule = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)];
            options.MinimumDelayAfterTimeoutOrThrottle = TimeSpan.FromMilliseconds(200);
            options.WorkerId = workerId;
            configure?.Invoke(options);
        });
        useStore(builder);
        builder.UseInMemorySubscriptions(store => store.Upsert(new WebhookSubscription
        {
            Id = SubscriptionId,
            TenantId = TenantId,
            EndpointUrl = endpoint,
            Secrets = [WebhookSecret.Generate()],
        }));
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var node = new PublisherNode(provider);
        foreach (var hosted in node._hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return node;
    }

    /// <summary>A minimal valid event (target.imported) with the given id.</summary>
    public static WebhookEventInput NewEvent(string eventId, long targetId) => new()
    {
        EventId = eventId,
        EventType = WebhookEventType.TargetImported,
        OccurredAt = DateTimeOffset.UtcNow,
        TenantId = TenantId,
        Target = new TargetRecord { Id = targetId, TenantId = TenantId, Title = "Maintenance visit" },
    };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _hosted.Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}
