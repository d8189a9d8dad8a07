using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Publishing.Tests.Publishing;

public sealed class UnmatchedPublishTests
{
    [Fact]
    public async Task A_publish_that_reaches_nobody_is_counted_every_time_and_warned_once_per_type()
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddMetrics();
        services.AddOrdinavoWebhookPublisher(o => o.EnableDeliveryWorker = false).UseInMemoryStore().UseInMemorySubscriptions();
        await using var provider = services.BuildServiceProvider();
        using var unmatched = new MetricCollector<long>(provider.GetRequiredService<IMeterFactory>(), "Ordinavo.Webhooks.Publishing", "ordinavo.webhook.publish.unmatched");
        var publisher = provider.GetRequiredService<IWebhookPublisher>();

        await publisher.PublishAsync(PayloadInputs.For(WebhookEventType.VisitReportApproved).WithEventId(WebhookIdentifiers.NewEventId()), CancellationToken.None);
        await publisher.PublishAsync(PayloadInputs.For(WebhookEventType.VisitReportApproved).WithEventId(WebhookIdentifiers.NewEventId()), CancellationToken.None);
        await publisher.PublishAsync(PayloadInputs.For(WebhookEventType.TargetImported).WithEventId(WebhookIdentifiers.NewEventId()), CancellationToken.None);

        Assert.Equal(3, unmatched.GetMeasurementSnapshot().Sum(m => m.Value));
        var warnings = provider.GetFakeLogCollector().GetSnapshot()
            .Where(r => r.Level == LogLevel.Warning && r.Message.Contains("matched no enabled subscription", StringComparison.Ordinal))
            .Select(r => r.Message)
            .ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("visit_report.approved", warnings[0], StringComparison.Ordinal);
        Assert.Contains("target.imported", warnings[1], StringComparison.Ordinal);
    }
}
