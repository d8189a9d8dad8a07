using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Testing;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>Signed sample events with fresh ids, about a given visit report, and the providers the tests run on.</summary>
public static class TestEvents
{
    private static readonly WebhookEvent Sample = WebhookSamples.For(WebhookEventType.VisitReportApproved);

    /// <summary>SQLite always; PostgreSQL when its server is configured, and always on CI (where a missing server fails).</summary>
    public static TheoryData<string> Providers
    {
        get
        {
            var providers = new TheoryData<string> { "sqlite" };
            if (PostgresEnvironment.ConnectionString is not null || PostgresEnvironment.IsCi)
            {
                providers.Add("postgres");
            }

            return providers;
        }
    }

    public static WebhookEvent Event(long visitReportId = 901, DateTimeOffset? occurredAt = null, string? eventId = null) => Sample with
    {
        EventId = eventId ?? WebhookIdentifiers.NewEventId(),
        OccurredAt = occurredAt ?? Sample.OccurredAt,
        VisitReport = Sample.VisitReport! with { Id = visitReportId },
    };

    public static SignedWebhookRequest Request(WebhookEvent webhookEvent, int attempt = 1) =>
        WebhookTestRequests.Create(webhookEvent, ReceiverHost.Secret, new WebhookTestRequestOptions { Attempt = attempt });
}
