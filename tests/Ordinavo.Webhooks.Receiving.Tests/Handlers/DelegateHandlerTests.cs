using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Receiving.Tests.Handlers;

/// <summary>A handler delegate gets its category's view and has the same start-up checks as a handler class.</summary>
public sealed class DelegateHandlerTests
{
    [Fact]
    public async Task A_delegate_gets_the_view_of_its_parameter_type_for_its_event_type_only_with_the_events_scope()
    {
        var seen = new List<(VisitReportWebhookEvent Event, HandlerLog FromScope)>();
        await using var harness = new ReceiverHarness(b => b.AddHandler(WebhookEventType.VisitReportApproved,
            (VisitReportWebhookEvent e, WebhookEventContext context, CancellationToken ct) =>
            {
                seen.Add((e, context.Services.GetRequiredService<HandlerLog>()));
                return Task.CompletedTask;
            }));

        var approved = harness.Request(WebhookEventType.VisitReportApproved);
        Assert.Equal(WebhookReceiveOutcome.Handled, (await harness.SendAsync(approved)).Outcome);
        Assert.Equal(WebhookReceiveOutcome.Unhandled, (await harness.SendAsync(harness.Request(WebhookEventType.VisitReportSubmitted))).Outcome);

        var (handled, log) = Assert.Single(seen);
        Assert.Equal(approved.EventId, handled.EventId);
        Assert.True(handled.VisitReport.Id > 0);
        Assert.Same(harness.Log, log);
    }

    [Fact]
    public async Task Two_delegates_of_one_view_both_run_and_a_category_delegate_takes_every_type_of_its_category()
    {
        var calls = new List<string>();
        await using var harness = new ReceiverHarness(b => b
            .AddHandler(WebhookEventType.BillingEventSent, (BillingWebhookEvent e, WebhookEventContext context, CancellationToken ct) => Record(calls, "sent"))
            .AddHandler((BillingWebhookEvent e, WebhookEventContext context, CancellationToken ct) => Record(calls, e.EventType.Value)));

        foreach (var type in WebhookEventCatalog.All.Select(d => d.Type).Where(t => t.Category == WebhookEventCategory.Billing))
        {
            Assert.Equal(WebhookReceiveOutcome.Handled, (await harness.SendAsync(harness.Request(type))).Outcome);
        }

        Assert.Equal(5, calls.Count);
        Assert.Equal(1, calls.Count(c => c == "sent"));
        Assert.Equal(WebhookReceiveOutcome.Unhandled, (await harness.SendAsync(harness.Request(WebhookEventType.TargetImported))).Outcome);
    }

    [Fact]
    public async Task A_delegate_that_throws_is_a_handler_failure_and_a_missing_section_a_bad_body()
    {
        var called = 0;
        await using var harness = new ReceiverHarness(b => b.AddHandler(WebhookEventType.VisitReportApproved,
            (VisitReportWebhookEvent e, WebhookEventContext context, CancellationToken ct) =>
            {
                called++;
                throw new InvalidOperationException("ERP down");
            }));
        var withoutReport = new WebhookEvent
        {
            EventId = WebhookIdentifiers.NewEventId(),
            EventType = WebhookEventType.VisitReportApproved,
            OccurredAt = harness.Clock.GetUtcNow(),
            TenantId = "tenant-123",
        };

        Assert.Equal(WebhookReceiveOutcome.HandlerFailed, (await harness.SendAsync(harness.Request(WebhookEventType.VisitReportApproved))).Outcome);
        Assert.Equal(WebhookReceiveOutcome.InvalidPayload, (await harness.SendAsync(harness.Request(withoutReport))).Outcome);
        Assert.Equal(1, called);
    }

    [Fact]
    public void A_delegate_for_a_type_of_another_category_is_refused_at_registration()
    {
        var builder = new ServiceCollection().AddOrdinavoWebhookReceiver(o => o.Secrets.Add(TestSecrets.Primary));

        var error = Assert.Throws<ArgumentException>(() => builder.AddHandler(WebhookEventType.BillingEventSent,
            (VisitReportWebhookEvent e, WebhookEventContext context, CancellationToken ct) => Task.CompletedTask));
        Assert.Contains("visit_report.*", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delegate_for_a_type_the_catalog_does_not_know_stops_the_application_naming_the_nearest_type()
    {
        var services = new ServiceCollection();
        services.AddOrdinavoWebhookReceiver(o => o.Secrets.Add(TestSecrets.Primary)).AddHandler(new WebhookEventType("visit_report.aproved"),
            (VisitReportWebhookEvent e, WebhookEventContext context, CancellationToken ct) => Task.CompletedTask);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(provider.GetRequiredService<IStartupValidator>().Validate);
        Assert.Contains("a handler delegate of VisitReportWebhookEvent is registered for 'visit_report.aproved'", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'visit_report.approved'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_receiver_with_only_a_delegate_does_not_warn_that_it_has_no_handler()
    {
        var logs = new CollectingLoggerProvider();
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(logs));
        services.AddOrdinavoWebhookReceiver(o => o.Secrets.Add(TestSecrets.Primary))
            .AddHandler((TargetWebhookEvent e, WebhookEventContext context, CancellationToken ct) => Task.CompletedTask);
        services.AddOrdinavoWebhookReceiver("erp", o => o.Secrets.Add(TestSecrets.Primary));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        var warning = Assert.Single(logs.Entries, e => e.Message.Contains("has no handler", StringComparison.Ordinal));
        Assert.Contains("'erp'", warning.Message, StringComparison.Ordinal);
    }

    private static Task Record(List<string> calls, string call)
    {
        lock (calls)
        {
            calls.Add(call);
        }

        return Task.CompletedTask;
    }
}
