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

    /// <summary>Keeps managed subscriptions in process memory (<see cref="InMemoryWebhookSubscriptionRecordStore"/>; lost when the process stops). For tests and samples.</summary>
    public static IWebhookPublisherBuilder UseInMemorySubscriptionRecords(this IWebhookPublisherBuilder builder, Action<WebhookSubscriptionManagementOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<InMemoryWebhookSubscriptionRecordStore>();
        return builder.UseSubscriptionRecordStore(sp => sp.GetRequiredService<InMemoryWebhookSubscriptionRecordStore>(), configure);
    }
}
