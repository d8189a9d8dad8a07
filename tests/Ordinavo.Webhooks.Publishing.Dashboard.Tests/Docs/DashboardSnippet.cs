#region dashboard-usings
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

#endregion
namespace Ordinavo.Webhooks.Publishing.Dashboard.Tests.Docs;

/// <summary>The host code shown in docs/operations.md and the package README, compiled here; <see cref="DashboardDocsTests"/> checks they hold it verbatim.</summary>
public static class DashboardSnippet
{
    public static WebApplication Build(string[] args)
    {
        #region dashboard-host
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddDataProtection();
        builder.Services.AddOrdinavoWebhookPublisher()
            .UseSqliteStore("data/webhooks.db")
            .UseSqliteSubscriptions();
        builder.Services.AddOrdinavoWebhookAdmin(options =>      // the tenant resolver, shared with the admin API
            options.TenantResolver = context => ValueTask.FromResult(context.User.FindFirst("tenant")?.Value));
        builder.Services.AddOrdinavoWebhookDashboard(options =>
        {
            options.ViewPolicy = "webhook-support";              // who may look
            options.ActionPolicy = "webhook-operator";           // who may also act; without it the dashboard is read-only
        });
        builder.Services.AddAuthentication();                    // and your scheme, for example your cookie sign-in
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy("webhook-support", policy => policy.RequireRole("support", "operator"))
            .AddPolicy("webhook-operator", policy => policy.RequireRole("operator"));

        var app = builder.Build();
        app.MapOrdinavoWebhookDashboard("/admin/webhooks/ui");   // a route group
        #endregion
        return app;
    }
}
