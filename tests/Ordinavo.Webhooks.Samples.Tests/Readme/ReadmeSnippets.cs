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
}

