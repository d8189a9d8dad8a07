using System;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Publishing.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the webhook admin API (<c>app.MapOrdinavoWebhookAdmin(...)</c> maps it).</summary>
public static class WebhookAdminServiceCollectionExtensions
{
    /// <summary>
    /// Registers the admin API's services and its start-up checks: a tenant resolver is required (set
    /// <see cref="WebhookAdminOptions.TenantResolver"/> or register an <see cref="IWebhookAdminTenantResolver"/>), and the
    /// host refuses to start while the mapped endpoints carry no authorization (unless
    /// <see cref="WebhookAdminOptions.AllowAnonymousForDevelopment"/>). Needs <c>AddOrdinavoWebhookPublisher()</c> with
    /// managed subscriptions (for example <c>UseSqliteSubscriptions()</c>) for the subscription endpoints.
    /// </summary>
    public static IServiceCollection AddOrdinavoWebhookAdmin(this IServiceCollection services, Action<WebhookAdminOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<WebhookAdminOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookAdminOptions>, WebhookAdminOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, WebhookAdminStartupCheck>());
        services.TryAddSingleton<AdminTenantAccessor>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
