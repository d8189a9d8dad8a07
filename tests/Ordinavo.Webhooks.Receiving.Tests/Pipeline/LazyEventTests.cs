using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Receiving.Tests;

/// <summary>The typed sections are read when a handler asks for them; a bad section is still a 400, never a lost event.</summary>
public sealed class LazyEventTests
{
    [Fact]
    public async Task A_handler_that_reads_only_the_envelope_and_the_raw_body_gets_the_exact_bytes_and_no_parse()
    {
        await using var harness = new ReceiverHarness(b =>
        {
            b.Services.AddSingleton<BodyLog>();
            b.AddHandler<BodyOnlyHandler>("visit_report.*");
        });
        var request = harness.Request(WebhookEventType.VisitReportApproved);

        var result = await harness.SendAsync(request);

        Assert.Equal(WebhookReceiveOutcome.Handled, result.Outcome);
        Assert.Null(result.Event);
        Assert.Equal(WebhookEventType.VisitReportApproved, result.EventType);
        var (context, body) = Assert.Single(harness.Services.GetRequiredService<BodyLog>().Calls);
        Assert.Equal(request.Body.ToArray(), body);
        Assert.Equal(request.Event!.OccurredAt, context.OccurredAt);
        Assert.Equal(request.Event.TenantId, context.TenantId);
        var afterwards = Assert.Throws<InvalidOperationException>(() => context.Event);
        Assert.DoesNotContain("Maintenance", afterwards.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => context.Body);
    }

    [Fact]
    public async Task The_typed_event_read_by_a_handler_is_the_one_in_the_result()
    {
        await using var harness = new ReceiverHarness();
        var request = harness.Request(WebhookEventType.VisitReportApproved);

        var result = await harness.SendAsync(request);

        Assert.Equal(request.Event, result.Event);
        Assert.Same(Assert.Single(harness.Log.Calls).Context.Event, result.Event);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_section_that_breaks_the_contract_is_answered_400_and_not_marked_handled_even_if_the_handler_swallows_the_error(bool swallow)
    {
        await using var harness = new ReceiverHarness(b =>
        {
            if (swallow)
            {
                b.AddHandlerForAll<SwallowingHandler>();
            }
            else
            {
                b.AddHandlerForAll<RecordingHandler>();
            }
        });

        var eventId = WebhookIdentifiers.NewEventId();
        var json = WebhookEventSerializer.SerializeToString(WebhookSamples.For(WebhookEventType.VisitReportApproved) with { EventId = eventId })
            .Replace("\"customerNumber\":\"RRM-001\"", "\"customerNumber\":{\"secret\":\"INTERNAL-NOTE\"}", StringComparison.Ordinal);
        Assert.Contains("INTERNAL-NOTE", json, StringComparison.Ordinal);
        var request = WebhookTestRequests.CreateFromBody(Encoding.UTF8.GetBytes(json), eventId, "visit_report.approved", TestSecrets.Primary,
            new WebhookTestRequestOptions { Timestamp = harness.Clock.GetUtcNow() });
        Assert.True(WebhookEnvelope.TryRead(request.Body.Span, out _, out _)); // the envelope itself is fine

        var first = await harness.SendAsync(request);
        var second = await harness.SendAsync(request.AsAttempt(2, harness.Clock.GetUtcNow()));

        Assert.Equal((400, WebhookReceiveOutcome.InvalidPayload), (first.StatusCode, first.Outcome));
        Assert.Equal((400, WebhookReceiveOutcome.InvalidPayload), (second.StatusCode, second.Outcome)); // released, not a duplicate
        Assert.Equal(2, harness.Log.Calls.Count);
        Assert.Equal(0, harness.Log.Successes);
        Assert.DoesNotContain(harness.Logs.Entries, e => e.Message.Contains("INTERNAL-NOTE", StringComparison.Ordinal) || (e.Exception?.ToString().Contains("INTERNAL-NOTE", StringComparison.Ordinal) ?? false));
    }

    public sealed class SwallowingHandler(HandlerLog log) : IWebhookHandler
    {
        public Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken)
        {
            log.Calls.Enqueue((nameof(SwallowingHandler), context));
            try
            {
                _ = context.Event;
            }
            catch (WebhookPayloadException)
            {
                // A handler that logs and carries on must not turn a bad body into "handled".
            }

            return Task.CompletedTask;
        }
    }

    public sealed class BodyLog
    {
        public List<(WebhookEventContext Context, byte[] Body)> Calls { get; } = [];
    }

    public sealed class BodyOnlyHandler(BodyLog log) : IWebhookHandler
    {
        public Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken)
        {
            log.Calls.Add((context, context.Body.ToArray()));
            return Task.CompletedTask;
        }
    }
}
