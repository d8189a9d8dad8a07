using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Publishing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses managed subscriptions: kept in a database, changed through <see cref="IWebhookSubscriptionManager"/>.</summary>
public static class WebhookSubscriptionBuilderExtensions
{
    /// <summary>
    /// Keeps subscriptions in the record store made by <paramref name="factory"/> (a singleton) and registers
    /// <see cref="IWebhookSubscriptionManager"/>; the publisher and the delivery engine read them through a short cache.
    /// Secrets are encrypted with ASP.NET Core Data Protection: the host registers it (<c>services.AddDataProtection()</c>
    /// with a key ring every node shares); the host fails at start when it is missing. Replaces any earlier
    /// subscription store choice. Store packages call it from <c>UseSqliteSubscriptions()</c> and <c>UsePostgreSqlSubscriptions()</c>.
    /// </summary>
    public static IWebhookPublisherBuilder UseSubscriptionRecordStore(
        this IWebhookPublisherBuilder builder,
        Func<IServiceProvider, IWebhookSubscriptionRecordStore> factory,
        Action<WebhookSubscriptionManagementOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        var services = builder.Services;
        var options = services.AddOptions<WebhookSubscriptionManagementOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookSubscriptionManagementOptions>, WebhookSubscriptionManagementOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.Replace(ServiceDescriptor.Singleton(factory));
        services.TryAddSingleton(sp => new SubscriptionSecretProtector(sp.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>()));
        services.TryAddSingleton<SubscriptionRecordMapper>();
        services.TryAddSingleton<SubscriptionDefinitionValidator>();
        services.TryAddSingleton<StoredWebhookSubscriptionStore>();
        services.Replace(ServiceDescriptor.Singleton<IWebhookSubscriptionStore>(sp => sp.GetRequiredService<StoredWebhookSubscriptionStore>()));
        services.Replace(ServiceDescriptor.Singleton<IWebhookSubscriptionManager, WebhookSubscriptionManager>());
        return builder;
    }

    /// <summary>
    /// Keeps subscriptions in a record store that lives in the database of the outbox store <typeparamref name="TOutbox"/>
    /// (as <c>UseSqliteSubscriptions()</c> and <c>UsePostgreSqlSubscriptions()</c> do): <paramref name="factory"/> makes it
    /// from the chosen outbox store, it is registered as a <typeparamref name="TRecords"/> singleton too, and the host
    /// fails at start with <paramref name="missingOutboxMessage"/> when the outbox store chosen on this builder is not a
    /// <typeparamref name="TOutbox"/>. Otherwise as <see cref="UseSubscriptionRecordStore"/>. For store packages.
    /// </summary>
    /// <typeparam name="TOutbox">The outbox store whose database holds the subscriptions.</typeparam>
    /// <typeparam name="TRecords">The subscription record store.</typeparam>
    /// <param name="builder">The publisher builder.</param>
    /// <param name="factory">Makes the record store from the outbox store.</param>
    /// <param name="missingOutboxMessage">The start-up error without that outbox store: name the call that chooses it.</param>
    /// <param name="configure">Sets the managed subscriptions' options (cache duration, grace periods, limits).</param>
    public static IWebhookPublisherBuilder UseSubscriptionRecordStoreInOutbox<TOutbox, TRecords>(
        this IWebhookPublisherBuilder builder,
        Func<TOutbox, TRecords> factory,
        string missingOutboxMessage,
        Action<WebhookSubscriptionManagementOptions>? configure = null)
        where TOutbox : class, IWebhookOutboxStore
        where TRecords : class, IWebhookSubscriptionRecordStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentException.ThrowIfNullOrWhiteSpace(missingOutboxMessage);
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookSubscriptionManagementOptions>, OutboxStoreRequirement<TOutbox>>(
            sp => new OutboxStoreRequirement<TOutbox>(sp, missingOutboxMessage)));
        services.TryAddSingleton(sp => factory(OutboxStoreRequirement<TOutbox>.Find(sp) ?? throw new InvalidOperationException(missingOutboxMessage)));
        return builder.UseSubscriptionRecordStore(sp => sp.GetRequiredService<TRecords>(), configure);
    }

    /// <summary>Keeps managed subscriptions in process memory (<see cref="InMemoryWebhookSubscriptionRecordStore"/>; lost when the process stops). For tests and samples.</summary>
    public static IWebhookPublisherBuilder UseInMemorySubscriptionRecords(this IWebhookPublisherBuilder builder, Action<WebhookSubscriptionManagementOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<InMemoryWebhookSubscriptionRecordStore>();
        return builder.UseSubscriptionRecordStore(sp => sp.GetRequiredService<InMemoryWebhookSubscriptionRecordStore>(), configure);
    }
}
