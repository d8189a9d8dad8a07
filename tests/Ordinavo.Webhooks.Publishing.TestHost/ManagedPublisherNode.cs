using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ordinavo.Webhooks.Publishing.TestHost;

/// <summary>
/// One publisher host with managed subscriptions: a real generic host (options validated at start, hosted services and
/// the delivery worker running), ASP.NET Core Data Protection with its keys in <c>keyFolder</c>, and the stores the
/// caller chooses. Several nodes on one database share a key folder; a node with another key folder has another key ring.
/// </summary>
public sealed class ManagedPublisherNode : IAsyncDisposable
{
    /// <summary>The Data Protection application name of every node.</summary>
    public const string ApplicationName = "ordinavo-webhooks-tests";

    private readonly IHost _host;

    private ManagedPublisherNode(IHost host) => _host = host;

    /// <summary>The node's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The publisher.</summary>
    public IWebhookPublisher Publisher => Services.GetRequiredService<IWebhookPublisher>();

    /// <summary>The subscription manager.</summary>
    public IWebhookSubscriptionManager Manager => Services.GetRequiredService<IWebhookSubscriptionManager>();

    /// <summary>The subscriptions as the publisher and the delivery engine read them (through the cache).</summary>
    public IWebhookSubscriptionStore Subscriptions => Services.GetRequiredService<IWebhookSubscriptionStore>();

    /// <summary>The deliveries.</summary>
    public IWebhookDeliveryMonitor Monitor => Services.GetRequiredService<IWebhookDeliveryMonitor>();

    /// <summary>Builds the host, as <see cref="StartAsync"/> does, without starting it.</summary>
    public static IHost Build(string keyFolder, Action<IWebhookPublisherBuilder> useStores, Action<WebhookPublisherOptions>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(keyFolder))
            .SetApplicationName(ApplicationName);
        var publisher = builder.Services.AddOrdinavoWebhookPublisher(options =>
        {
            options.AllowInsecureHttp = true;
            options.AllowedDestinations.Add("127.0.0.1");
            options.PollInterval = TimeSpan.FromMilliseconds(50);
            // A failing delivery stays pending for half a minute, retried every half second.
            options.RetrySchedule = Enumerable.Repeat(TimeSpan.FromMilliseconds(500), 60).ToList();
            options.MinimumDelayAfterTimeoutOrThrottle = TimeSpan.FromMilliseconds(200);
            configure?.Invoke(options);
        });
        useStores(publisher);
        return builder.Build();
    }

    /// <summary>Builds and starts a node.</summary>
    public static async Task<ManagedPublisherNode> StartAsync(string keyFolder, Action<IWebhookPublisherBuilder> useStores, Action<WebhookPublisherOptions>? configure = null)
    {
        var host = Build(keyFolder, useStores, configure);
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new ManagedPublisherNode(host);
    }

    /// <summary>A subscription to <paramref name="endpoint"/> for every event type.</summary>
    public static WebhookSubscriptionDefinition Definition(Uri endpoint) => new() { EndpointUrl = endpoint };

    /// <summary>Waits until <paramref name="condition"/> holds (checked every 50 ms); false on timeout.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(50);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
