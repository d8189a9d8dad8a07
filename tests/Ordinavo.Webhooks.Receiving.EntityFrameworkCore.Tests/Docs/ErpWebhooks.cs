// An example of docs/receiving.md and the package README, compiled here; DocsTests checks that both contain the
// region verbatim and runs the example end to end.
#region docs
using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Erp;

// Program.cs: ErpWebhooks.Build(WebApplication.CreateBuilder(args)).Run();
public static class ErpWebhooks
{
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        // SQLite here; on PostgreSQL: options.UseNpgsql(...) from Npgsql.EntityFrameworkCore.PostgreSQL.
        builder.Services.AddDbContext<ErpDbContext>(options =>
            options.UseSqlite(builder.Configuration.GetConnectionString("Erp")));

        builder.Services
            .AddOrdinavoWebhookReceiver(options => options.Secrets.Add(builder.Configuration["Ordinavo:Webhooks:Secret"]!))
            .UseEntityFrameworkInbox<ErpDbContext>(inbox =>
            {
                // The default: handled marks are kept 30 days, longer than the publisher retries (4 days).
                inbox.Retention = TimeSpan.FromDays(30);
            })
            .AddHandler<VisitReportApprovedHandler>("visit_report.approved");

        var app = builder.Build();
        app.MapOrdinavoWebhooks("/webhooks/ordinavo");
        return app;
    }
}
#endregion
