using System;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Publishing;
using Ordinavo.Webhooks.Publishing.Dashboard;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the webhook delivery dashboard.</summary>
public static class WebhookDashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the tenant-scoped delivery dashboard (server-rendered pages, its stylesheet and script) under
    /// <paramref name="prefix"/> and returns the route group. The group requires
    /// <see cref="WebhookDashboardOptions.ViewPolicy"/>; actions also require <see cref="WebhookDashboardOptions.ActionPolicy"/>
    /// (read-only without one). Links are relative, so the dashboard works under the host's path base and behind a
    /// reverse proxy. Needs <c>AddOrdinavoWebhookDashboard(...)</c>, a tenant resolver and a publisher with managed subscriptions.
    /// </summary>
    /// <param name="endpoints">The application or a parent group.</param>
    /// <param name="prefix">The route prefix (default <c>/admin/webhooks/ui</c>).</param>
    /// <exception cref="InvalidOperationException">A required service is not registered; the message names the call that registers it.</exception>
    public static RouteGroupBuilder MapOrdinavoWebhookDashboard(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string prefix = "/admin/webhooks/ui")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var services = endpoints.ServiceProvider;
        if (services.GetService<DashboardTenantResolver>() is null)
        {
            throw new InvalidOperationException(
                "The webhook dashboard is not registered. Call services.AddOrdinavoWebhookDashboard(options => options.ViewPolicy = ...) before building the application.");
        }

        if (services.GetService<IWebhookSubscriptionManager>() is null)
        {
            throw new InvalidOperationException(
                "The webhook dashboard needs managed subscriptions. Call AddOrdinavoWebhookPublisher() with UseSqliteSubscriptions(), UsePostgreSqlSubscriptions(), " +
                "UseInMemorySubscriptionRecords() or UseSubscriptionRecordStore(...), and services.AddDataProtection().");
        }

        var options = services.GetRequiredService<IOptions<WebhookDashboardOptions>>().Value;
        var group = endpoints.MapGroup(prefix);
        group.WithMetadata(new WebhookDashboardEndpointMarker(prefix));
        group.ExcludeFromDescription();
        if (!string.IsNullOrWhiteSpace(options.ViewPolicy))
        {
            group.RequireAuthorization(options.ViewPolicy);
        }

        DashboardRoutes.Map(group);
        return group;
    }
}
