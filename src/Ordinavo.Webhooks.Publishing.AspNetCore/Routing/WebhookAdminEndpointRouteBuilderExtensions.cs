using System;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Publishing;
using Ordinavo.Webhooks.Publishing.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the webhook admin API.</summary>
public static class WebhookAdminEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the tenant-scoped webhook admin API (subscriptions, secrets, test events, deliveries, redelivery, health)
    /// under <paramref name="prefix"/> and returns the route group: add the host's authorization to it
    /// (<c>.RequireAuthorization("webhook-admin")</c>); without authorization the host refuses to start unless
    /// <see cref="WebhookAdminOptions.AllowAnonymousForDevelopment"/> is set. Needs <c>AddOrdinavoWebhookAdmin(...)</c> and a
    /// publisher with managed subscriptions.
    /// </summary>
    /// <param name="endpoints">The application or a parent group.</param>
    /// <param name="prefix">The route prefix (default <c>/admin/webhooks</c>).</param>
    /// <exception cref="InvalidOperationException">A required service is not registered; the message names the call that registers it.</exception>
    public static RouteGroupBuilder MapOrdinavoWebhookAdmin(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string prefix = "/admin/webhooks")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var services = endpoints.ServiceProvider;
        if (services.GetService<AdminTenantAccessor>() is null)
        {
            throw new InvalidOperationException(
                "The webhook admin API is not registered. Call services.AddOrdinavoWebhookAdmin(options => options.TenantResolver = ...) before building the application.");
        }

        if (services.GetService<IWebhookSubscriptionManager>() is null)
        {
            throw new InvalidOperationException(
                "The webhook admin API needs managed subscriptions. Call AddOrdinavoWebhookPublisher() with UseSqliteSubscriptions(), UsePostgreSqlSubscriptions(), " +
                "UseInMemorySubscriptionRecords() or UseSubscriptionRecordStore(...), and services.AddDataProtection().");
        }

        var group = endpoints.MapGroup(prefix);
        group.WithMetadata(new WebhookAdminEndpointMarker(prefix));
        group.AddEndpointFilter(new AdminEndpointFilter());
        group.ProducesProblem(StatusCodes.Status403Forbidden);
        SubscriptionEndpoints.Map(group);
        DeliveryEndpoints.Map(group);
        return group;
    }
}
