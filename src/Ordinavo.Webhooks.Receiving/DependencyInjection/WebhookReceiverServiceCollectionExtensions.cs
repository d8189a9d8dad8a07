using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Receiving;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Ordinavo webhook receivers.</summary>
public static class WebhookReceiverServiceCollectionExtensions
{
    /// <summary>Registers the default webhook receiver (configure it with the returned builder or <c>Configure&lt;WebhookReceiverOptions&gt;</c>).</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder to add handlers and choose stores.</returns>
    public static IWebhookReceiverBuilder AddOrdinavoWebhookReceiver(this IServiceCollection services) =>
        AddOrdinavoWebhookReceiver(services, Options.Options.DefaultName, configure: null);

    /// <summary>Registers the default webhook receiver with its options.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets secrets, tolerance, body limit.</param>
    /// <returns>A builder to add handlers and choose stores.</returns>
    public static IWebhookReceiverBuilder AddOrdinavoWebhookReceiver(this IServiceCollection services, Action<WebhookReceiverOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddOrdinavoWebhookReceiver(services, Options.Options.DefaultName, configure);
    }

    /// <summary>
    /// Registers a named webhook receiver (one per subscription endpoint, each with its own secrets and handlers).
    /// Safe to call more than once for the same name: services are added once, and the configuration adds up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The receiver's name; <see cref="Options.Options.DefaultName"/> (empty) for the default receiver.</param>
    /// <param name="configure">Sets secrets, tolerance, body limit; optional.</param>
    /// <returns>A builder to add handlers and choose stores.</returns>
    public static IWebhookReceiverBuilder AddOrdinavoWebhookReceiver(
        this IServiceCollection services,
        string name,
        Action<WebhookReceiverOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);

        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWebhookReceiverFactory, WebhookReceiverFactory>();
        services.TryAddSingleton(sp => sp.GetRequiredService<IWebhookReceiverFactory>().GetReceiver(Options.Options.DefaultName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookReceiverOptions>, WebhookReceiverOptionsValidator>());

        var optionsBuilder = services.AddOptions<WebhookReceiverOptions>(name);
        optionsBuilder.Configure(o => o.IsRegistered = true);
        optionsBuilder.ValidateOnStart();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.TryAddKeyedSingleton<IWebhookInbox>(name, (sp, key) => new InMemoryWebhookInbox(
            sp.GetRequiredService<IOptionsMonitor<InMemoryWebhookInboxOptions>>().Get((string?)key),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddKeyedSingleton<IWebhookOrderingStore>(name, (sp, key) => new InMemoryWebhookOrderingStore(
            sp.GetRequiredService<IOptionsMonitor<InMemoryWebhookOrderingStoreOptions>>().Get((string?)key)));

        return new WebhookReceiverBuilder(name, services);
    }
}
