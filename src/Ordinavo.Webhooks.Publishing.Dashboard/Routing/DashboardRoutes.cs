using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>The dashboard's pages, actions and assets, relative to its group. The number given to each is its depth below the group's root.</summary>
internal static class DashboardRoutes
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", DashboardEndpoint.Page(0, request => EndsWithSlash(request) ? OverviewPage.RenderAsync(request) : RedirectToSlashAsync(request)));
        group.MapGet("/deliveries", DashboardEndpoint.Page(0, DeliveriesPage.RenderAsync));
        group.MapGet("/deliveries/{id}", DashboardEndpoint.Page(1, request => DeliveryPage.RenderAsync(request, Id(request))));
        group.MapGet("/subscriptions/{id}", DashboardEndpoint.Page(1, request => SubscriptionPage.RenderAsync(request, Id(request))));

        group.MapPost("/deliveries/{id}/redeliver", DashboardEndpoint.Action(2, (request, _) => DashboardActions.RedeliverAsync(request, Id(request))));
        group.MapPost("/subscriptions/{id}/recover", DashboardEndpoint.Action(2, (request, form) => DashboardActions.RecoverDeadLettersAsync(request, form, Id(request))));
        group.MapPost("/subscriptions/{id}/test", DashboardEndpoint.Action(2, (request, _) => DashboardActions.SendTestEventAsync(request, Id(request))));
        group.MapPost("/subscriptions/{id}/disable", DashboardEndpoint.Action(2, (request, form) => DashboardActions.SetEnabledAsync(request, form, Id(request), enable: false)));
        group.MapPost("/subscriptions/{id}/enable", DashboardEndpoint.Action(2, (request, form) => DashboardActions.SetEnabledAsync(request, form, Id(request), enable: true)));
        group.MapPost("/subscriptions/{id}/rotate-secret", DashboardEndpoint.Action(2, (request, form) => DashboardActions.RotateSecretAsync(request, form, Id(request))));

        group.MapGet("/assets/dashboard.css", context => DashboardAssets.ServeAsync(context, context.RequestServices.GetRequiredService<DashboardAssets>().Stylesheet));
        group.MapGet("/assets/dashboard.js", context => DashboardAssets.ServeAsync(context, context.RequestServices.GetRequiredService<DashboardAssets>().Script));
    }

    private static string Id(DashboardRequest request) => request.Context.Request.RouteValues["id"]?.ToString() ?? string.Empty;

    private static bool EndsWithSlash(DashboardRequest request) => request.Context.Request.Path.Value?.EndsWith('/') == true;

    /// <summary>
    /// The overview is at the group's path with a trailing slash, so that relative links resolve below it. The redirect
    /// names the last segment only (relative), which works under any path base and proxy mapping.
    /// </summary>
    private static System.Threading.Tasks.Task RedirectToSlashAsync(DashboardRequest request)
    {
        var path = request.Context.Request.Path.Value ?? string.Empty;
        var last = path[(path.LastIndexOf('/') + 1)..];
        request.Context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        request.Context.Response.Headers.Location = last + "/" + request.Context.Request.QueryString;
        return System.Threading.Tasks.Task.CompletedTask;
    }
}
