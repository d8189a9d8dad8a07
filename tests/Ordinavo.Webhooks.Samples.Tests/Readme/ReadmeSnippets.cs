using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Payloads;
using Ordinavo.Webhooks.Publishing;
using Ordinavo.Webhooks.Receiving;

namespace Ordinavo.Webhooks.Samples.Tests.Readme;

// The code snippets of README.md, compiled here. ReadmeTests checks that README.md contains every region verbatim
// (without the common indentation) and runs the publish call and the handler for real.
public static class ReadmeSnippets
{
    public static void AddPublisher(IServiceCollection services, IConfiguration configuration)
    {
        #region publisher-setup
        services.AddOrdinavoWebhookPublisher()
            .UseSqliteStore("data/webhooks-outbox.db")
            .UseSubscriptionsFromConfiguration(configuration.GetSection("Ordinavo:Webhooks:Subscriptions"));
        #endregion
    }

    public static async Task<WebhookPublishResult> PublishAsync(IWebhookPublisher publisher, CancellationToken cancellationToken)
    {
        #region publisher-publish
        var result = await publisher.PublishAsync(new WebhookEventInput
        {
            EventType = WebhookEventType.VisitReportApproved,
            OccurredAt = DateTimeOffset.UtcNow,
            TenantId = "tenant-123",
            VisitReport = new VisitReportRecord { TenantId = "tenant-123", Id = 901, Status = "Approved", IsBillable = true },
        }, cancellationToken);
        #endregion
        return result;
    }

    public static async Task RunReceiverAsync(string[] args)
    {
        #region receiver-program
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddOrdinavoWebhookReceiver(o => o.Secrets.Add(builder.Configuration["Ordinavo:WebhookSecret"]!))
            .AddHandler<BillingReadyHandler>("billing.event_ready");

        var app = builder.Build();
        app.MapOrdinavoWebhooks("/webhooks/ordinavo");
        await app.RunAsync();
        #endregion
    }
}

#region receiver-handler
public sealed class BillingReadyHandler(ILogger<BillingReadyHandler> logger) : IWebhookHandler
{
    public Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken)
    {
        // Verified, parsed, not a duplicate (across restarts and replicas with the durable EF Core inbox).
        logger.LogInformation("Create billing draft for visit report {Id}", context.Event.Billing?.VisitReportId);
        return Task.CompletedTask;
    }
}
#endregion
