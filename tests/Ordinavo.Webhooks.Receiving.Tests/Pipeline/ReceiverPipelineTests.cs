using System.Text;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Signing;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Receiving.Tests;

public sealed class ReceiverPipelineTests
{
    [Fact]
    public async Task A_verified_event_is_handled_once_with_its_delivery_headers()
    {
        await using var harness = new ReceiverHarness();
        var request = harness.Request(WebhookEventType.VisitReportApproved, attempt: 3);

        var result = await harness.SendAsync(request);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(WebhookReceiveOutcome.Handled, result.Outcome);
        Assert.Equal(request.EventId, result.EventId);
        var call = Assert.Single(harness.Log.Calls);
        Assert.Equal(request.EventId, call.Context.EventId);
        Assert.Equal(WebhookEventType.VisitReportApproved, call.Context.EventType);
        Assert.Equal(request.GetHeader(WebhookHeaderNames.DeliveryId), call.Context.DeliveryId);
        Assert.Equal(3, call.Context.DeliveryAttempt);
        Assert.Equal(request.Event, call.Context.Event);
        Assert.Equal(new WebhookEntityKey("tenant-123", WebhookEntityKind.VisitReport, 901), call.Context.Entity);
        Assert.False(call.Context.IsStale);
    }

    [Fact]
    public async Task A_duplicate_of_a_handled_event_is_answered_200_without_running_the_handler_again()
    {
        await using var harness = new ReceiverHarness();
        var request = harness.Request(WebhookEventType.TargetUpdated);

        Assert.Equal(WebhookReceiveOutcome.Handled, (await harness.SendAsync(request)).Outcome);
        var retry = await harness.SendAsync(request.AsAttempt(2, harness.Clock.GetUtcNow()));

        Assert.Equal(200, retry.StatusCode);
        Assert.Equal(WebhookReceiveOutcome.Duplicate, retry.Outcome);
        Assert.Single(harness.Log.Calls);
    }

    [Fact]
    public async Task An_event_type_without_handler_or_unknown_to_the_sdk_is_answered_200_and_logged_once_a_minute_per_type()
    {
        await using var harness = new ReceiverHarness();
        var known = harness.Request(WebhookEventType.RoutePublished);
        var eventId = WebhookIdentifiers.NewEventId();
        var unknownBody = Encoding.UTF8.GetBytes(
            $$$"""{"eventId":"{{{eventId}}}","eventType":"inventory.adjusted","payloadVersion":"1.0","occurredAt":"2026-06-18T16:40:00Z","tenantId":"tenant-123","source":"ordinavo","inventory":{"sku":"X"}}""");
        var unknown = WebhookTestRequests.CreateFromBody(unknownBody, eventId, "inventory.adjusted", TestSecrets.Primary,
            new WebhookTestRequestOptions { Timestamp = harness.Clock.GetUtcNow() });

        var knownResult = await harness.SendAsync(known);
        var unknownResult = await harness.SendAsync(unknown);

        Assert.Equal((200, WebhookReceiveOutcome.Unhandled), (knownResult.StatusCode, knownResult.Outcome));
        Assert.Equal((200, WebhookReceiveOutcome.Unhandled), (unknownResult.StatusCode, unknownResult.Outcome));
        Assert.Equal("inventory.adjusted", unknownResult.EventType?.Value);
        Assert.Null(unknownResult.Event); // no handler read the sections
        Assert.Empty(harness.Log.Calls);
        var again = await harness.SendAsync(harness.Request(WebhookEventType.RoutePublished));
        Assert.Equal(WebhookReceiveOutcome.Unhandled, again.Outcome);
        var lines = harness.Logs.Entries.Where(e => e.Message.Contains("has no handler")).ToList();
        Assert.Equal(2, lines.Count); // the repeated type within the minute is counted, not logged again
        Assert.All(lines, e => Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Information, e.Level));
        Assert.All(lines, e => Assert.Contains("in the webhook receiver;", e.Message, StringComparison.Ordinal));

        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        await harness.SendAsync(harness.Request(WebhookEventType.RoutePublished));
        Assert.Equal(3, harness.Logs.Entries.Count(e => e.Message.Contains("has no handler")));
    }

    [Fact]
    public async Task Handlers_are_chosen_by_exact_type_category_wildcard_and_all()
    {
        await using var harness = new ReceiverHarness(b => b
            .AddHandler<RecordingHandler>("visit_report.*")
            .AddHandler<SecondHandler>(WebhookEventType.TargetCancelled)
            .AddHandlerForAll<SecondHandler>());

        await harness.SendAsync(harness.Request(WebhookEventType.VisitReportRejected));
        await harness.SendAsync(harness.Request(WebhookEventType.TargetCancelled));
        await harness.SendAsync(harness.Request(WebhookEventType.BillingEventSent));

        var calls = harness.Log.Calls.Select(c => $"{c.Handler}:{c.Context.EventType}").ToList();
        Assert.Equal(
            ["RecordingHandler:visit_report.rejected", "SecondHandler:visit_report.rejected", "SecondHandler:target.cancelled", "SecondHandler:billing.event_sent"],
            calls);
    }

    [Theory]
    [InlineData(WebhookHeaderNames.Signature, null, WebhookReceiveOutcome.MissingHeader)]
    [InlineData(WebhookHeaderNames.Timestamp, null, WebhookReceiveOutcome.MissingHeader)]
    [InlineData(WebhookHeaderNames.EventId, null, WebhookReceiveOutcome.MissingHeader)]
    [InlineData(WebhookHeaderNames.Signature, "md5=abc", WebhookReceiveOutcome.MalformedHeader)]
    [InlineData(WebhookHeaderNames.Timestamp, "18.06.2026 16:40", WebhookReceiveOutcome.MalformedHeader)]
    [InlineData(WebhookHeaderNames.DeliveryAttempt, "zero", WebhookReceiveOutcome.MalformedHeader)]
    [InlineData(WebhookHeaderNames.DeliveryAttempt, "0", WebhookReceiveOutcome.MalformedHeader)]
    [InlineData(WebhookHeaderNames.DeliveryId, "delivery-1", WebhookReceiveOutcome.MalformedHeader)]
    [InlineData(WebhookHeaderNames.EventType, "Visit Report", WebhookReceiveOutcome.MalformedHeader)]
    [InlineData(WebhookHeaderNames.EventType, "visit_report.rejected", WebhookReceiveOutcome.EventTypeMismatch)]
    public async Task Missing_or_malformed_headers_are_answered_400(string header, string? value, WebhookReceiveOutcome expected)
    {
        await using var harness = new ReceiverHarness();
        var request = harness.Request(WebhookEventType.VisitReportApproved).WithHeader(header, value);

        var result = await harness.SendAsync(request);

        Assert.Equal((400, expected), (result.StatusCode, result.Outcome));
        Assert.Empty(harness.Log.Calls);
    }

    [Fact]
    public async Task A_wrong_secret_a_tampered_body_and_a_timestamp_outside_tolerance_are_answered_401()
    {
        await using var harness = new ReceiverHarness();
        var wrongSecret = harness.Request(WebhookEventType.VisitReportApproved, secret: TestSecrets.Unknown);
        var tampered = harness.Request(WebhookEventType.VisitReportApproved).WithTamperedBody();
        var stale = harness.Request(WebhookEventType.VisitReportApproved).SignedAt(harness.Clock.GetUtcNow().AddMinutes(-6));
        var future = harness.Request(WebhookEventType.VisitReportApproved).SignedAt(harness.Clock.GetUtcNow().AddMinutes(6));
        var edge = harness.Request(WebhookEventType.VisitReportApproved).SignedAt(harness.Clock.GetUtcNow().AddMinutes(-4));

        Assert.Equal(WebhookReceiveOutcome.InvalidSignature, (await harness.SendAsync(wrongSecret)).Outcome);
        Assert.Equal(WebhookReceiveOutcome.InvalidSignature, (await harness.SendAsync(tampered)).Outcome);
        Assert.Equal(WebhookReceiveOutcome.TimestampOutsideTolerance, (await harness.SendAsync(stale)).Outcome);
        Assert.Equal(WebhookReceiveOutcome.TimestampOutsideTolerance, (await harness.SendAsync(future)).Outcome);
        Assert.Equal(401, (await harness.SendAsync(stale)).StatusCode);
        Assert.Equal(WebhookReceiveOutcome.Handled, (await harness.SendAsync(edge)).Outcome);
        Assert.Single(harness.Log.Calls);
    }

    [Fact]
    public async Task A_body_one_byte_over_the_limit_is_answered_413_and_one_at_the_limit_is_accepted()
    {
        var sample = WebhookEventSerializer.SerializeToUtf8Bytes(WebhookSamples.For(WebhookEventType.VisitReportApproved));
        await using var harness = new ReceiverHarness(options: o => o.MaxBodyBytes = sample.Length);
        var atLimit = harness.Request(WebhookEventType.VisitReportApproved, eventId: "evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C");
        Assert.Equal(sample.Length, atLimit.Body.Length);
        var overLimit = WebhookTestRequests.CreateFromBody([.. sample, (byte)' '], atLimit.EventId!, "visit_report.approved", TestSecrets.Primary,
            new WebhookTestRequestOptions { Timestamp = harness.Clock.GetUtcNow() });

        var over = await harness.SendAsync(overLimit);
        var at = await harness.SendAsync(atLimit);

        Assert.Equal((413, WebhookReceiveOutcome.BodyTooLarge), (over.StatusCode, over.Outcome));
        Assert.Equal((200, WebhookReceiveOutcome.Handled), (at.StatusCode, at.Outcome));
        Assert.True(harness.Receiver.TryRejectBeforeBody(sample.Length + 1L, "application/json", out var early));
        Assert.Equal(413, early.StatusCode);
        Assert.False(harness.Receiver.TryRejectBeforeBody(sample.Length, "application/json", out _));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_content_type_that_is_not_json_is_answered_415(string? contentType)
    {
        await using var harness = new ReceiverHarness();
        var result = await harness.SendAsync(harness.Request(WebhookEventType.VisitReportApproved).WithContentType(contentType));

        Assert.Equal((415, WebhookReceiveOutcome.UnsupportedContentType), (result.StatusCode, result.Outcome));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("Application/JSON; Charset=\"UTF-8\"")]
    [InlineData("application/vnd.ordinavo+json; charset=utf8")]
    public async Task Json_content_types_are_accepted(string contentType)
    {
        await using var harness = new ReceiverHarness();
        var result = await harness.SendAsync(harness.Request(WebhookEventType.VisitReportApproved).WithContentType(contentType));

        Assert.Equal(WebhookReceiveOutcome.Handled, result.Outcome);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"eventId\":\"evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C\"}")]
    public async Task A_signed_body_that_is_not_a_webhook_event_is_answered_400(string body)
    {
        await using var harness = new ReceiverHarness();
        var request = WebhookTestRequests.CreateFromBody(Encoding.UTF8.GetBytes(body), "evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C", null, TestSecrets.Primary,
            new WebhookTestRequestOptions { Timestamp = harness.Clock.GetUtcNow() });

        var result = await harness.SendAsync(request);

        Assert.Equal((400, WebhookReceiveOutcome.InvalidPayload), (result.StatusCode, result.Outcome));
        Assert.Equal("evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C", result.EventId);
    }

    [Fact]
    public async Task A_body_whose_event_id_differs_from_the_signed_header_is_answered_400()
    {
        await using var harness = new ReceiverHarness();
        var body = WebhookEventSerializer.SerializeToUtf8Bytes(WebhookSamples.For(WebhookEventType.VisitReportApproved));
        var request = WebhookTestRequests.CreateFromBody(body, WebhookIdentifiers.NewEventId(), "visit_report.approved", TestSecrets.Primary,
            new WebhookTestRequestOptions { Timestamp = harness.Clock.GetUtcNow() });

        var result = await harness.SendAsync(request);

        Assert.Equal((400, WebhookReceiveOutcome.EventIdMismatch), (result.StatusCode, result.Outcome));
        Assert.Empty(harness.Log.Calls);
    }

    [Fact]
    public async Task A_failing_handler_gets_500_and_the_retry_handles_the_event_exactly_once()
    {
        await using var harness = new ReceiverHarness();
        var failuresLeft = 1;
        harness.Log.Behavior = (_, _) => Interlocked.Decrement(ref failuresLeft) >= 0
            ? throw new InvalidOperationException("ERP is down")
            : Task.CompletedTask;
        var first = harness.Request(WebhookEventType.VisitReportFollowUpRequired);

        var failed = await harness.SendAsync(first);
        harness.Clock.Advance(TimeSpan.FromSeconds(5));
        var retried = await harness.SendAsync(first.AsAttempt(2, harness.Clock.GetUtcNow()));
        var again = await harness.SendAsync(first.AsAttempt(3, harness.Clock.GetUtcNow()));

        Assert.Equal((500, WebhookReceiveOutcome.HandlerFailed), (failed.StatusCode, failed.Outcome));
        Assert.Equal((200, WebhookReceiveOutcome.Handled), (retried.StatusCode, retried.Outcome));
        Assert.Equal((200, WebhookReceiveOutcome.Duplicate), (again.StatusCode, again.Outcome));
        Assert.Equal(2, harness.Log.CountFor(first.EventId!));
        Assert.Equal(1, harness.Log.Successes);
        var error = Assert.Single(harness.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.IsType<InvalidOperationException>(error.Exception);
    }

    [Fact]
    public async Task A_concurrent_duplicate_gets_409_while_the_first_is_in_progress()
    {
        await using var harness = new ReceiverHarness();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Log.Behavior = async (_, _) =>
        {
            entered.TrySetResult();
            await release.Task;
        };
        var request = harness.Request(WebhookEventType.TargetCompleted);

        var first = harness.SendAsync(request).AsTask();
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = await harness.SendAsync(request.AsAttempt(2, harness.Clock.GetUtcNow()));
        release.SetResult();
        var firstResult = await first;
        var third = await harness.SendAsync(request.AsAttempt(3, harness.Clock.GetUtcNow()));

        Assert.Equal((409, WebhookReceiveOutcome.InProgress), (second.StatusCode, second.Outcome));
        Assert.Equal(WebhookReceiveOutcome.Handled, firstResult.Outcome);
        Assert.Equal(WebhookReceiveOutcome.Duplicate, third.Outcome);
        Assert.Equal(1, harness.Log.CountFor(request.EventId!));
    }

    [Fact]
    public async Task A_lease_left_by_a_crashed_request_expires_and_the_event_is_handled_again()
    {
        await using var harness = new ReceiverHarness(options: o => o.InboxLeaseDuration = TimeSpan.FromSeconds(30));
        var inbox = harness.Services.GetRequiredKeyedService<IWebhookInbox>(string.Empty);
        var request = harness.Request(WebhookEventType.TargetScheduled);
        var crashed = await inbox.TryBeginAsync(request.EventId!, TimeSpan.FromSeconds(30), default); // a request that never finished

        var whileLeased = await harness.SendAsync(request);
        harness.Clock.Advance(TimeSpan.FromSeconds(31));
        var afterExpiry = await harness.SendAsync(request.AsAttempt(2, harness.Clock.GetUtcNow()));

        Assert.Equal(WebhookInboxStatus.New, crashed.Status);
        Assert.Equal(WebhookReceiveOutcome.InProgress, whileLeased.Outcome);
        Assert.Equal(WebhookReceiveOutcome.Handled, afterExpiry.Outcome);
    }

    [Fact]
    public async Task A_canceled_request_releases_the_event_and_throws_operation_canceled()
    {
        await using var harness = new ReceiverHarness();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Log.Behavior = async (_, ct) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        };
        var request = harness.Request(WebhookEventType.VisitReportSubmitted);
        using var cts = new CancellationTokenSource();

        var pending = harness.SendAsync(request, cts.Token).AsTask();
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        harness.Log.Behavior = null;
        var retry = await harness.SendAsync(request.AsAttempt(2, harness.Clock.GetUtcNow()));

        Assert.Equal(WebhookReceiveOutcome.Handled, retry.Outcome);
        Assert.Equal(1, harness.Log.Successes);
    }

    [Fact]
    public async Task A_handler_is_told_when_a_later_event_about_the_same_entity_was_already_handled()
    {
        await using var harness = new ReceiverHarness();
        var sample = WebhookSamples.For(WebhookEventType.TargetUpdated);
        var newer = sample with { EventId = WebhookIdentifiers.NewEventId(), OccurredAt = sample.OccurredAt.AddHours(1) };
        var older = sample with { EventId = WebhookIdentifiers.NewEventId(), OccurredAt = sample.OccurredAt };
        var newest = sample with { EventId = WebhookIdentifiers.NewEventId(), OccurredAt = sample.OccurredAt.AddHours(2) };
        var otherTarget = sample with { EventId = WebhookIdentifiers.NewEventId(), Target = sample.Target! with { Id = 999 } };

        await harness.SendAsync(harness.Request(newer));
        await harness.SendAsync(harness.Request(older));
        await harness.SendAsync(harness.Request(newest));
        await harness.SendAsync(harness.Request(otherTarget));

        var contexts = harness.Log.Calls.Select(c => c.Context).ToList();
        Assert.Equal([false, true, false, false], contexts.Select(c => c.IsStale));
        Assert.Equal(newer.OccurredAt, contexts[1].LatestHandledOccurredAt);
        Assert.Equal(newer.OccurredAt, contexts[2].LatestHandledOccurredAt);
        Assert.Null(contexts[3].LatestHandledOccurredAt);
    }

    [Fact]
    public async Task During_a_secret_rotation_requests_signed_with_either_secret_are_accepted()
    {
        await using var harness = new ReceiverHarness(options: o => o.Secrets.Add(TestSecrets.Secondary));
        var withNew = harness.Request(WebhookEventType.VisitReportApproved, secret: TestSecrets.Secondary);
        var withBoth = WebhookTestRequests.Create(WebhookSamples.For(WebhookEventType.TargetUpdated), [TestSecrets.Unknown, TestSecrets.Primary],
            new WebhookTestRequestOptions { EventId = WebhookIdentifiers.NewEventId(), Timestamp = harness.Clock.GetUtcNow() });

        Assert.Equal(WebhookReceiveOutcome.Handled, (await harness.SendAsync(withNew)).Outcome);
        Assert.Equal(WebhookReceiveOutcome.Handled, (await harness.SendAsync(withBoth)).Outcome);
    }

    [Fact]
    public void The_receiver_and_the_verifier_refuse_Standard_Webhooks_only_requests_by_default()
    {
        // Contract section 6: off by default, the same default in both packages.
        Assert.False(new WebhookReceiverOptions().AcceptStandardWebhooksHeaders);
        Assert.False(new WebhookVerifierOptions().AcceptStandardWebhooks);
    }

    [Fact]
    public async Task Standard_webhooks_headers_alone_are_accepted_only_when_enabled()
    {
        await using var strict = new ReceiverHarness();
        await using var lenient = new ReceiverHarness(options: o => o.AcceptStandardWebhooksHeaders = true);
        SignedWebhookRequest StandardOnly(ReceiverHarness h) => WebhookTestRequests
            .Create(WebhookEventType.VisitReportApproved, TestSecrets.Primary, new WebhookTestRequestOptions
            {
                EventId = WebhookIdentifiers.NewEventId(),
                Timestamp = h.Clock.GetUtcNow(),
                IncludeStandardWebhooks = true,
            })
            .WithHeader(WebhookHeaderNames.Signature, null)
            .WithHeader(WebhookHeaderNames.Timestamp, null)
            .WithHeader(WebhookHeaderNames.EventId, null);

        Assert.Equal(WebhookReceiveOutcome.MissingHeader, (await strict.SendAsync(StandardOnly(strict))).Outcome);
        Assert.Equal(WebhookReceiveOutcome.Handled, (await lenient.SendAsync(StandardOnly(lenient))).Outcome);
    }

    [Fact]
    public async Task Logs_never_contain_secrets_signatures_or_body_text()
    {
        await using var harness = new ReceiverHarness();
        harness.Log.Behavior = (c, _) => c.EventType == WebhookEventType.TargetCancelled ? throw new InvalidOperationException("boom") : Task.CompletedTask;
        var requests = new[]
        {
            harness.Request(WebhookEventType.VisitReportApproved),
            harness.Request(WebhookEventType.VisitReportApproved, secret: TestSecrets.Unknown),
            harness.Request(WebhookEventType.VisitReportApproved).WithTamperedBody(),
            harness.Request(WebhookEventType.TargetCancelled),
            harness.Request(WebhookEventType.RoutePublished),
        };
        foreach (var request in requests)
        {
            await harness.SendAsync(request);
        }

        var text = string.Join("\n", harness.Logs.Entries.Select(e => e.Message));
        Assert.NotEmpty(harness.Logs.Entries);
        Assert.DoesNotContain(TestSecrets.Primary["whsec_".Length..], text);
        Assert.DoesNotContain("sha256=", text);
        Assert.DoesNotContain("Rhein-Ruhr", text);
        Assert.DoesNotContain("Maintenance visit", text);
        Assert.DoesNotContain("JOB-2026", text);
    }
}
