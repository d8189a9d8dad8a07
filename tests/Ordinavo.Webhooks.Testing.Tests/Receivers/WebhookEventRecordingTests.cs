using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Receiving;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Testing.Tests.Receivers;

/// <summary>The recording watches what the application's own handlers did; it never handles an event itself.</summary>
public sealed class WebhookEventRecordingTests
{
    private static readonly string Secret = WebhookSecret.Generate().ExposeSecret();

    [Fact]
    public async Task Without_a_handler_for_its_type_an_event_stays_unhandled_and_is_recorded_so()
    {
        await using var app = App(receiver => receiver.AddHandler<VisitReportWebhookEvent>(WebhookEventType.VisitReportApproved, Completes));
        var request = WebhookTestRequests.Create(WebhookEventType.TargetImported, Secret);

        var result = await SendAsync(app, request);

        Assert.Equal(WebhookReceiveOutcome.Unhandled, result.Outcome);
        var recording = app.GetRequiredService<WebhookEventRecording>();
        var recorded = Assert.Single(recording.Events);
        Assert.Equal((request.EventId!, WebhookEventType.TargetImported, WebhookReceiveOutcome.Unhandled), (recorded.EventId, recorded.EventType, recorded.Outcome));
        Assert.Equal(0, recording.CountOf(request.EventId!));
    }

    [Fact]
    public async Task A_receiver_without_any_handler_answers_unhandled_with_the_recording_added()
    {
        await using var app = App(receiver => { });
        var request = WebhookTestRequests.Create(WebhookEventType.VisitReportApproved, Secret);

        var result = await SendAsync(app, request);

        Assert.Equal(WebhookReceiveOutcome.Unhandled, result.Outcome);
        Assert.Equal([WebhookReceiveOutcome.Unhandled], app.GetRequiredService<WebhookEventRecording>().OutcomesOf(request.EventId!));
    }

    [Fact]
    public async Task An_event_the_applications_handler_takes_is_recorded_handled_once_and_its_retry_as_a_duplicate()
    {
        await using var app = App(receiver => receiver.AddHandler<VisitReportWebhookEvent>(WebhookEventType.VisitReportApproved, Completes));
        var request = WebhookTestRequests.Create(WebhookEventType.VisitReportApproved, Secret, new WebhookTestRequestOptions { Attempt = 1 });

        Assert.Equal(WebhookReceiveOutcome.Handled, (await SendAsync(app, request)).Outcome);
        Assert.Equal(WebhookReceiveOutcome.Duplicate, (await SendAsync(app, request.AsAttempt(2))).Outcome);

        var recording = app.GetRequiredService<WebhookEventRecording>();
        Assert.Equal([WebhookReceiveOutcome.Handled, WebhookReceiveOutcome.Duplicate], recording.OutcomesOf(request.EventId!));
        Assert.Equal([1, 2], recording.Events.Select(e => e.DeliveryAttempt));
        Assert.Equal(1, recording.CountOf(request.EventId!));
    }

    [Fact]
    public async Task A_failing_handler_is_recorded_as_failed_and_not_counted_as_handled()
    {
        await using var app = App(receiver => receiver.AddHandler(WebhookEventType.VisitReportApproved,
            (VisitReportWebhookEvent e, WebhookEventContext context, CancellationToken ct) => throw new InvalidOperationException("ERP down")));
        var request = WebhookTestRequests.Create(WebhookEventType.VisitReportApproved, Secret);

        Assert.Equal(WebhookReceiveOutcome.HandlerFailed, (await SendAsync(app, request)).Outcome);
        Assert.Equal([WebhookReceiveOutcome.HandlerFailed], app.GetRequiredService<WebhookEventRecording>().OutcomesOf(request.EventId!));
        Assert.Equal(0, app.GetRequiredService<WebhookEventRecording>().CountOf(request.EventId!));
    }

    private static Task Completes(VisitReportWebhookEvent e, WebhookEventContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    private static ServiceProvider App(Action<IWebhookReceiverBuilder> handlers)
    {
        var services = new ServiceCollection();
        handlers(services.AddOrdinavoWebhookReceiver(o => o.Secrets.Add("whsec_configured_in_the_app_is_replaced_by_the_test_secret")));
        services.UseOrdinavoWebhookTestSecret(Secret).AddOrdinavoWebhookRecording();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private static ValueTask<WebhookReceiveResult> SendAsync(IServiceProvider app, SignedWebhookRequest request) =>
        app.GetRequiredService<WebhookReceiver>().ReceiveAsync(request.HeaderReader, request.Body, request.ContentType, CancellationToken.None);
}
