#region admin-api-usings
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

#endregion
namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests.Docs;

/// <summary>The host code shown in docs/operations.md, compiled here; <see cref="AdminApiDocsTests"/> checks the page holds it verbatim.</summary>
public static class AdminApiSnippet
{
    public static WebApplication Build(string[] args)
    {
        #region admin-api-host
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddDataProtection();               // encrypts the subscriptions' secrets; share the key ring between nodes
        builder.Services.AddOrdinavoWebhookPublisher()
            .UseSqliteStore("data/webhooks.db")             // the outbox ...
            .UseSqliteSubscriptions();                      // ... and the managed subscriptions, in one database
        builder.Services.AddOrdinavoWebhookAdmin(options =>
            options.TenantResolver = context => ValueTask.FromResult(context.User.FindFirst("tenant")?.Value));
        builder.Services.AddAuthentication();               // and your scheme, for example .AddJwtBearer()
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy("webhook-admin", policy => policy.RequireClaim("scope", "webhooks:admin"));

        var app = builder.Build();
        app.MapOrdinavoWebhookAdmin("/admin/webhooks")      // a route group
           .RequireAuthorization("webhook-admin");
        #endregion
        return app;
    }
}
