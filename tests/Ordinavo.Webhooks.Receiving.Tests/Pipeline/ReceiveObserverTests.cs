using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using NSubstitute;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Receiving.Tests.Pipeline;

/// <summary>Observers are told what became of each verified event and change nothing.</summary>
public sealed class ReceiveObserverTests
{
    [Fact]
    public async Task An_observer_sees_handled_unhandled_duplicate_and_failed_events_with_their_delivery_headers()
    {
        var observer = new Observations();
        await using var harness = new ReceiverHarness(b =>
        {
            b.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookReceiveObserver>(observer));
            b.AddHandler<RecordingHandler>("visit_report.approved").AddHandler<FailingHandler>("target.cancelled");
        });
        var approved = harness.Request(WebhookEventType.VisitReportApproved);

        await harness.SendAsync(approved);
        await harness.SendAsync(approved.AsAttempt(2, harness.Clock.GetUtcNow()));
        await harness.SendAsync(harness.Request(WebhookEventType.RoutePublished));
        await harness.SendAsync(harness.Request(WebhookEventType.TargetCancelled));
        await harness.SendAsync(harness.Request(WebhookEventType.VisitReportApproved, secret: TestSecrets.Unknown)); // not verified: not observed

        Assert.Equal(
            [WebhookReceiveOutcome.Handled, WebhookReceiveOutcome.Duplicate, WebhookReceiveOutcome.Unhandled, WebhookReceiveOutcome.HandlerFailed],
            observer.Seen.Select(o => o.Outcome));
        var first = observer.Seen.First();
        Assert.Equal((approved.EventId, WebhookEventType.VisitReportApproved, "", 1), (first.EventId, first.EventType, first.ReceiverName, first.DeliveryAttempt));
        Assert.NotNull(first.DeliveryId);
        Assert.Equal(2, observer.Seen.ElementAt(1).DeliveryAttempt);
    }

    [Fact]
    public async Task An_observer_that_throws_is_logged_and_the_event_is_still_handled()
    {
        var observer = Substitute.For<IWebhookReceiveObserver>();
        observer.When(o => o.OnReceived(Arg.Any<WebhookReceiveObservation>())).Do(_ => throw new InvalidOperationException("observer bug"));
        await using var harness = new ReceiverHarness(b =>
        {
            b.Services.TryAddEnumerable(ServiceDescriptor.Singleton(observer));
            b.AddHandler<RecordingHandler>("visit_report.*");
        });
        var request = harness.Request(WebhookEventType.VisitReportApproved);

        var result = await harness.SendAsync(request);

        Assert.Equal(WebhookReceiveOutcome.Handled, result.Outcome);
        observer.Received(1).OnReceived(Arg.Is<WebhookReceiveObservation>(o => o.EventId == request.EventId && o.Outcome == WebhookReceiveOutcome.Handled));
        Assert.Contains(harness.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("observer", StringComparison.Ordinal) && e.Message.Contains(request.EventId!, StringComparison.Ordinal));
        Assert.Equal(WebhookReceiveOutcome.Duplicate, (await harness.SendAsync(request.AsAttempt(2, harness.Clock.GetUtcNow()))).Outcome);
    }

    private sealed class Observations : IWebhookReceiveObserver
    {
        public ConcurrentQueue<WebhookReceiveObservation> Seen { get; } = new();

        public void OnReceived(WebhookReceiveObservation observation) => Seen.Enqueue(observation);
    }

    private sealed class FailingHandler : IWebhookHandler
    {
        public Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken) => throw new InvalidOperationException("handler bug");
    }
}
