using System;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Publishing.Dashboard;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the webhook delivery dashboard (<c>app.MapOrdinavoWebhookDashboard(...)</c> maps it).</summary>
public static class WebhookDashboardServiceCollectionExtensions
{
    /// <summary>
    /// Registers the dashboard's services and its start-up checks: a <see cref="WebhookDashboardOptions.ViewPolicy"/>
    /// that the host registered is required (unless <see cref="WebhookDashboardOptions.AllowAnonymousForDevelopment"/>),
    /// and so is a tenant resolver, the same one as the admin API's (<c>AddOrdinavoWebhookAdmin(options =&gt;
    /// options.TenantResolver = ...)</c> or a registered <c>IWebhookAdminTenantResolver</c>). Also registers antiforgery
    /// (the actions validate their form token themselves). Needs <c>AddOrdinavoWebhookPublisher()</c> with managed
    /// subscriptions.
    /// </summary>
    public static IServiceCollection AddOrdinavoWebhookDashboard(this IServiceCollection services, Action<WebhookDashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<WebhookDashboardOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // The tenant resolver is the admin API's: one place decides what a user of either sees.
        services.AddOrdinavoWebhookAdmin();
        services.AddAntiforgery();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookDashboardOptions>, WebhookDashboardOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, WebhookDashboardStartupCheck>());
        services.TryAddSingleton<DashboardTenantResolver>();
        services.TryAddSingleton<DashboardAssets>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
