using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Receiving.Tests.Handlers;

public sealed class TypedHandlerTests
{
    [Fact]
    public async Task A_typed_handler_gets_its_categorys_section_and_only_its_event_type()
    {
        var seen = new TypedLog();
        await using var harness = new ReceiverHarness(b =>
        {
            b.Services.AddSingleton(seen);
            b.AddHandler<ApprovedReports, VisitReportWebhookEvent>(WebhookEventType.VisitReportApproved);
        });

        var approved = harness.Request(WebhookEventType.VisitReportApproved);
        Assert.Equal(WebhookReceiveOutcome.Handled, (await harness.SendAsync(approved)).Outcome);
        var other = await harness.SendAsync(harness.Request(WebhookEventType.VisitReportSubmitted));
        Assert.Equal(WebhookReceiveOutcome.Unhandled, other.Outcome);

        var handled = Assert.Single(seen.VisitReports);
        Assert.Equal(approved.EventId, handled.EventId);
        Assert.Equal(WebhookEventType.VisitReportApproved, handled.EventType);
        Assert.True(handled.VisitReport.Id > 0);
    }

    [Fact]
    public async Task A_category_handler_takes_every_type_of_its_category()
    {
        var seen = new TypedLog();
        await using var harness = new ReceiverHarness(b =>
        {
            b.Services.AddSingleton(seen);
            b.AddHandler<BillingTriggers, BillingWebhookEvent>();
        });

        foreach (var type in WebhookEventCatalog.All.Select(d => d.Type).Where(t => t.Category == WebhookEventCategory.Billing))
        {
            Assert.Equal(WebhookReceiveOutcome.Handled, (await harness.SendAsync(harness.Request(type))).Outcome);
        }

        Assert.Equal(4, seen.Billing.Count);
        Assert.All(seen.Billing, e => Assert.NotNull(e.Billing));
        Assert.Equal(WebhookReceiveOutcome.Unhandled, (await harness.SendAsync(harness.Request(WebhookEventType.TargetImported))).Outcome);
    }

    [Fact]
    public async Task An_event_without_its_categorys_section_is_a_bad_body_not_a_handler_failure()
    {
        var seen = new TypedLog();
        await using var harness = new ReceiverHarness(b =>
        {
            b.Services.AddSingleton(seen);
            b.AddHandler<ApprovedReports, VisitReportWebhookEvent>(WebhookEventType.VisitReportApproved);
        });
        var withoutReport = new WebhookEvent
        {
            EventId = WebhookIdentifiers.NewEventId(),
            EventType = WebhookEventType.VisitReportApproved,
            OccurredAt = harness.Clock.GetUtcNow(),
            TenantId = "tenant-123",
        };

        var result = await harness.SendAsync(harness.Request(withoutReport));

        Assert.Equal(WebhookReceiveOutcome.InvalidPayload, result.Outcome);
        Assert.Equal(400, result.StatusCode);
        Assert.Empty(seen.VisitReports);
    }

    [Fact]
    public void A_typed_handler_for_a_type_of_another_category_is_refused_at_registration()
    {
        var services = new ServiceCollection();
        var builder = services.AddOrdinavoWebhookReceiver(o => o.Secrets.Add(TestSecrets.Primary));

        var error = Assert.Throws<ArgumentException>(() => builder.AddHandler<ApprovedReports, VisitReportWebhookEvent>(WebhookEventType.BillingEventSent));
        Assert.Contains("visit_report.*", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("visit_report.aproved", "did you mean 'visit_report.approved'")]
    [InlineData("visitreport.*", "did you mean 'visit_report.*'")]
    [InlineData("erp.sync_requested", "CustomEventTypes")]
    public void A_handler_for_a_type_the_catalog_does_not_know_stops_the_application(string pattern, string hint)
    {
        var services = new ServiceCollection();
        services.AddOrdinavoWebhookReceiver(o => o.Secrets.Add(TestSecrets.Primary)).AddHandler<RecordingHandler>(pattern);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(provider.GetRequiredService<IStartupValidator>().Validate);
        Assert.Contains($"RecordingHandler is registered for '{pattern}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declared_custom_types_and_known_patterns_start()
    {
        var services = new ServiceCollection();
        services.AddOrdinavoWebhookReceiver(o =>
            {
                o.Secrets.Add(TestSecrets.Primary);
                o.CustomEventTypes.Add("erp.sync_requested");
            })
            .AddHandler<RecordingHandler>("erp.sync_requested")
            .AddHandler<RecordingHandler>("erp.*")
            .AddHandler<RecordingHandler>("route.*")
            .AddHandlerForAll<SecondHandler>();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    public sealed class TypedLog
    {
        public List<VisitReportWebhookEvent> VisitReports { get; } = [];

        public List<BillingWebhookEvent> Billing { get; } = [];
    }

    public sealed class ApprovedReports(TypedLog log) : IWebhookHandler<VisitReportWebhookEvent>
    {
        public Task HandleAsync(VisitReportWebhookEvent webhookEvent, WebhookEventContext context, CancellationToken cancellationToken)
        {
            log.VisitReports.Add(webhookEvent);
            return Task.CompletedTask;
        }
    }

    public sealed class BillingTriggers(TypedLog log) : IWebhookHandler<BillingWebhookEvent>
    {
        public Task HandleAsync(BillingWebhookEvent webhookEvent, WebhookEventContext context, CancellationToken cancellationToken)
        {
            log.Billing.Add(webhookEvent);
            return Task.CompletedTask;
        }
    }
}
