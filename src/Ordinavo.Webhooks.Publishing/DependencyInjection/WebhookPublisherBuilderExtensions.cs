using System;
using System.Linq;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Publishing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the publisher's stores, options and observers.</summary>
public static class WebhookPublisherBuilderExtensions
{
    /// <summary>Keeps the outbox in process memory (pending deliveries are lost when the process stops).</summary>
    public static IWebhookPublisherBuilder UseInMemoryStore(this IWebhookPublisherBuilder builder) =>
        builder.UseStore<InMemoryWebhookOutboxStore>();

    /// <summary>
    /// Uses <typeparamref name="TStore"/> (a singleton) as the outbox store, replacing any earlier choice: one instance
    /// serves both seams, <see cref="IWebhookOutboxStore"/> (the delivery worker and the publisher) and
    /// <see cref="IWebhookDeliveryMonitor"/> (operations). For store packages.
    /// </summary>
    public static IWebhookPublisherBuilder UseStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>(this IWebhookPublisherBuilder builder)
        where TStore : class, IWebhookOutboxStore, IWebhookDeliveryMonitor
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<TStore>();
        return builder.UseStore(sp => sp.GetRequiredService<TStore>());
    }

    /// <summary>
    /// Uses the store made by <paramref name="factory"/> (once; a singleton) as the outbox store, replacing any earlier
    /// choice: the instance serves both seams, <see cref="IWebhookOutboxStore"/> and <see cref="IWebhookDeliveryMonitor"/>.
    /// </summary>
    public static IWebhookPublisherBuilder UseStore<TStore>(this IWebhookPublisherBuilder builder, Func<IServiceProvider, TStore> factory)
        where TStore : class, IWebhookOutboxStore, IWebhookDeliveryMonitor
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton<IWebhookOutboxStore>(factory));
        builder.Services.Replace(ServiceDescriptor.Singleton<IWebhookDeliveryMonitor>(sp => (TStore)sp.GetRequiredService<IWebhookOutboxStore>()));
        return builder;
    }

    /// <summary>
    /// Uses a store whose two seams are separate objects over the same data: <paramref name="store"/> makes the worker
    /// seam and <paramref name="monitor"/> the query and operations seam (each once; singletons). Replaces any earlier choice.
    /// </summary>
    public static IWebhookPublisherBuilder UseStore(this IWebhookPublisherBuilder builder, Func<IServiceProvider, IWebhookOutboxStore> store, Func<IServiceProvider, IWebhookDeliveryMonitor> monitor)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(monitor);
        builder.Services.Replace(ServiceDescriptor.Singleton(store));
        builder.Services.Replace(ServiceDescriptor.Singleton(monitor));
        return builder;
    }

    /// <summary>
    /// Reads subscriptions from an <see cref="InMemoryWebhookSubscriptionStore"/> (registered as a singleton too, so the
    /// host can add subscriptions at run time); <paramref name="configure"/> can add the first ones.
    /// </summary>
    public static IWebhookPublisherBuilder UseInMemorySubscriptions(this IWebhookPublisherBuilder builder, Action<InMemoryWebhookSubscriptionStore>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.RemoveAll<InMemoryWebhookSubscriptionStore>();
        builder.Services.AddSingleton(_ =>
        {
            var store = new InMemoryWebhookSubscriptionStore();
            configure?.Invoke(store);
            return store;
        });
        builder.Services.Replace(ServiceDescriptor.Singleton<IWebhookSubscriptionStore>(sp => sp.GetRequiredService<InMemoryWebhookSubscriptionStore>()));
        return builder;
    }

    /// <summary>
    /// Reads subscriptions from a configuration section (see <see cref="ConfigurationWebhookSubscriptionStore"/>). When the
    /// host starts, each subscription is checked against the publisher's options and the event catalog: an endpoint the
    /// delivery engine would refuse or an event type pattern that matches nothing stops the host with the fix named.
    /// </summary>
    public static IWebhookPublisherBuilder UseSubscriptionsFromConfiguration(this IWebhookPublisherBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.RemoveAll<ConfigurationWebhookSubscriptionStore>();
        builder.Services.AddSingleton(_ => new ConfigurationWebhookSubscriptionStore(section));
        builder.Services.Replace(ServiceDescriptor.Singleton<IWebhookSubscriptionStore>(sp => sp.GetRequiredService<ConfigurationWebhookSubscriptionStore>()));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookPublisherOptions>, ConfiguredSubscriptionsValidator>());
        return builder;
    }

    /// <summary>Reads subscriptions from the host's own <typeparamref name="TStore"/> (a singleton).</summary>
    public static IWebhookPublisherBuilder UseSubscriptionStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>(this IWebhookPublisherBuilder builder)
        where TStore : class, IWebhookSubscriptionStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<TStore>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IWebhookSubscriptionStore>(sp => sp.GetRequiredService<TStore>()));
        return builder;
    }

    /// <summary>Reads tenant features (billing webhooks on or off) from the host's <typeparamref name="TFeatures"/> (a singleton). Default: all off.</summary>
    public static IWebhookPublisherBuilder UseTenantFeatures<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TFeatures>(this IWebhookPublisherBuilder builder)
        where TFeatures : class, IWebhookTenantFeatures
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IWebhookTenantFeatures, TFeatures>());
        return builder;
    }

    /// <summary>Adds an observer told about succeeded, failing and dead-lettered deliveries and disabled subscriptions.</summary>
    public static IWebhookPublisherBuilder AddObserver<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TObserver>(this IWebhookPublisherBuilder builder)
        where TObserver : class, IWebhookDeliveryObserver
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookDeliveryObserver, TObserver>());
        return builder;
    }

    /// <summary>The configuration section the documentation uses for the publisher's options.</summary>
    public const string DefaultConfigurationSection = "Ordinavo:Webhooks:Publisher";

    /// <summary>
    /// Binds the publisher's options from a configuration section (the documentation uses
    /// <see cref="DefaultConfigurationSection"/>, <c>Ordinavo:Webhooks:Publisher</c>): <c>RetrySchedule</c> (a list of
    /// <c>hh:mm:ss</c>, replacing the default schedule when given), <c>AllowInsecureHttp</c>, <c>AllowedDestinations</c>,
    /// <c>AttemptTimeout</c>, <c>MaxConcurrentDeliveries</c> and every other property of <see cref="WebhookPublisherOptions"/>.
    /// A key the options do not have (a typo) stops the host at start, naming it.
    /// </summary>
    public static IWebhookPublisherBuilder Configure(this IWebhookPublisherBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<WebhookPublisherOptions>().Configure(options =>
        {
            // The binder adds to a list that has items: a schedule given in configuration replaces the default one.
            if (section.GetSection(nameof(WebhookPublisherOptions.RetrySchedule)).GetChildren().Any())
            {
                options.RetrySchedule = [];
            }

            if (section.GetSection(nameof(WebhookPublisherOptions.AllowedDestinations)).GetChildren().Any())
            {
                options.AllowedDestinations = [];
            }

            try
            {
                section.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException exception)
            {
                throw new OptionsValidationException(Options.Options.DefaultName, typeof(WebhookPublisherOptions),
                    [$"The configuration section '{(section as IConfigurationSection)?.Path}' does not bind to WebhookPublisherOptions: {exception.Message}"]);
            }
        });
        return builder;
    }

    /// <summary>Configures the publisher's options.</summary>
    public static IWebhookPublisherBuilder Configure(this IWebhookPublisherBuilder builder, Action<WebhookPublisherOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
