using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Publishing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Ordinavo webhook publisher.</summary>
public static class WebhookPublisherServiceCollectionExtensions
{
    /// <summary>
    /// Adds the publisher (<see cref="IWebhookPublisher"/>, <see cref="IWebhookOperations"/>), its delivery worker (a
    /// hosted service) and its <c>HttpClient</c>. Choose the stores on the returned builder
    /// (<c>UseInMemoryStore()</c>, <c>UseInMemorySubscriptions()</c>, ...). Safe to call more than once.
    /// </summary>
    public static IWebhookPublisherBuilder AddOrdinavoWebhookPublisher(this IServiceCollection services, Action<WebhookPublisherOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new WebhookPublisherBuilder(WebhookPublisherOptions.HttpClientName, services);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(WebhookPublisherMarker)))
        {
            return builder;
        }

        services.AddSingleton<WebhookPublisherMarker>();
        services.AddOptions<WebhookPublisherOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookPublisherOptions>, WebhookPublisherOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WebhookPublisherTelemetry>();
        services.TryAddSingleton<DeliverySignal>();
        services.TryAddSingleton<IWebhookTenantFeatures, NoWebhookTenantFeatures>();
        services.TryAddSingleton(NotConfigured.OutboxStore);
        services.TryAddSingleton(NotConfigured.DeliveryMonitor);
        services.TryAddSingleton(NotConfigured.SubscriptionStore);
        services.TryAddSingleton<WebhookSender>();
        services.TryAddSingleton<WebhookDeliveryEngine>();
        services.TryAddSingleton<WebhookPublishRecorder>();
        services.TryAddSingleton<IWebhookPublishRecorder>(sp => sp.GetRequiredService<WebhookPublishRecorder>());
        services.TryAddSingleton<IWebhookPublisher, WebhookPublisher>();
        services.TryAddSingleton<IWebhookOperations, WebhookOperations>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WebhookDeliveryWorker>());

        services.AddHttpClient(WebhookPublisherOptions.HttpClientName)
            // The engine logs each attempt itself, with the endpoint authority only; the factory's default request
            // logging would write full URLs (query strings can carry tokens) and costs two handlers per attempt.
            .RemoveAllLoggers()
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<WebhookPublisherOptions>>().Value;
                return GuardedConnector.CreateHandler(DestinationPolicy.Create(options.AllowedDestinations));
            });
        return builder;
    }

    private sealed class WebhookPublisherMarker;
}
