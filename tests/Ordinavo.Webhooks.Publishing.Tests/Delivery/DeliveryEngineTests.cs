using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Publishing.Tests.Support;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing.Tests.Delivery;

public sealed partial class DeliveryEngineTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [GeneratedRegex("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$")]
    private static partial Regex TraceParent();

    [Fact]
    public async Task A_successful_attempt_carries_the_contract_headers_a_valid_signature_and_the_stored_body()
    {
        await using var h = new EngineHarness();
        h.AddSubscription();
        var published = await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);

        Assert.Equal(1, await h.RunOnceAsync());

        var request = Assert.Single(h.Handler.Requests);
        var delivery = await h.SingleDeliveryAsync();
        Assert.Equal(WebhookDeliveryState.Succeeded, delivery.State);
        Assert.Equal(h.Time.GetUtcNow(), delivery.CompletedAt);
        Assert.Equal(delivery.Body.ToArray(), request.Body);
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal(published.EventId, request.Header("X-Ordinavo-Event-Id"));
        Assert.Equal("visit_report.approved", request.Header("X-Ordinavo-Event-Type"));
        Assert.Equal(h.Time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), request.Header("X-Ordinavo-Timestamp"));
        Assert.True(WebhookIdentifiers.IsValidDeliveryId(request.Header("X-Ordinavo-Delivery-Id")));
        Assert.Equal("1", request.Header("X-Ordinavo-Delivery-Attempt"));
        Assert.Matches(TraceParent(), request.Header("traceparent"));
        Assert.False(request.Headers.ContainsKey("webhook-signature"));
        Assert.Contains($"\"eventId\":\"{published.EventId}\"", Encoding.UTF8.GetString(request.Body));

        var verifier = new WebhookVerifier(new WebhookVerifierOptions { Secrets = { EngineHarness.Secret }, TimeProvider = h.Time });
        Assert.True(verifier.Verify(request.Header("X-Ordinavo-Event-Id"), request.Header("X-Ordinavo-Timestamp"), request.Header("X-Ordinavo-Signature"), request.Body).IsValid);

        var attempt = Assert.Single(await h.Monitor.GetAttemptsAsync(delivery.Id, Ct));
        Assert.Equal(200, attempt.StatusCode);
        Assert.Equal(WebhookDeliveryErrorKind.None, attempt.ErrorKind);
        Assert.Equal(request.Header("X-Ordinavo-Delivery-Id"), attempt.AttemptId);
        var succeeded = Assert.Single(h.Observer.Succeeded);
        Assert.Equal(published.EventId, succeeded.EventId);
        Assert.Equal(attempt.AttemptId, succeeded.AttemptId);
    }

    [Fact]
    public async Task The_traceparent_header_is_the_delivery_span_when_the_host_records_traces()
    {
        var spans = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == "Ordinavo.Webhooks.Publishing",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        await using var h = new EngineHarness();
        h.AddSubscription();
        var published = await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);

        Assert.Equal(1, await h.RunOnceAsync());

        // The listener hears every engine in the process (other test classes run at the same time): this event's span only.
        var span = Assert.Single(spans, s => s.OperationName == "webhook deliver" && Equals(s.GetTagItem("ordinavo.webhook.event.id"), published.EventId));
        Assert.Equal($"00-{span.TraceId.ToHexString()}-{span.SpanId.ToHexString()}-01", Assert.Single(h.Handler.Requests).Header("traceparent"));
    }

    [Fact]
    public async Task A_body_with_umlauts_goes_out_as_utf8_and_is_signed_over_exactly_those_bytes()
    {
        await using var h = new EngineHarness();
        h.AddSubscription();
        await h.Publisher.PublishAsync(PayloadInputs.German(WebhookEventType.VisitReportApproved), Ct);

        Assert.Equal(1, await h.RunOnceAsync());

        var request = Assert.Single(h.Handler.Requests);
        var text = Encoding.UTF8.GetString(request.Body);
        Assert.Contains("\"name\":\"Müller Sanitätshaus Köln\"", text, StringComparison.Ordinal);
        var verifier = new WebhookVerifier(new WebhookVerifierOptions { Secrets = { EngineHarness.Secret }, TimeProvider = h.Time });
        var (eventId, timestamp, signature) = (request.Header("X-Ordinavo-Event-Id"), request.Header("X-Ordinavo-Timestamp"), request.Header("X-Ordinavo-Signature"));
        Assert.True(verifier.Verify(eventId, timestamp, signature, request.Body).IsValid);
        // The same JSON with the ü escaped is a different body: the signature covers the bytes, not the text they mean.
        var escaped = Encoding.UTF8.GetBytes(text.Replace("ü", "\\u00fc", StringComparison.Ordinal));
        Assert.Equal(WebhookVerificationStatus.NoMatchingSignature, verifier.Verify(eventId, timestamp, signature, escaped).Status);
    }

    [Fact]
    public async Task Without_a_recorded_delivery_span_the_traceparent_continues_the_hosts_trace()
    {
        // The host's own activity (an ASP.NET request, a job): the receiver gets the host's trace id and a span of its own.
        using var host = new System.Diagnostics.Activity("host job");
        host.SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C);
        host.Start();
        await using var h = new EngineHarness();
        h.AddSubscription();
        System.Diagnostics.Activity? ambient = null;
        h.Handler.Respond = (_, _) =>
        {
            ambient = System.Diagnostics.Activity.Current;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        };
        await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);

        Assert.Equal(1, await h.RunOnceAsync());

        var traceParent = Assert.Single(h.Handler.Requests).Header("traceparent");
        Assert.Matches(TraceParent(), traceParent);
        var parts = traceParent.Split('-');
        Assert.Equal(host.TraceId.ToHexString(), parts[1]);
        Assert.NotEqual(host.SpanId.ToHexString(), parts[2]);

        // The unrecorded span only names the attempt: the HTTP call runs in the host's activity, so the runtime's HTTP
        // diagnostics do not make an activity of their own under it.
        Assert.Same(host, ambient);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("accepted", "accepted")]
    public async Task A_successful_answer_keeps_its_body_prefix_and_an_empty_one_none(string? body, string? recorded)
    {
        await using var h = new EngineHarness();
        h.AddSubscription();
        h.Handler.Respond = (_, _) => Task.FromResult(StubHandler.Status(200, body));
        await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);

        Assert.Equal(1, await h.RunOnceAsync());

        var attempt = Assert.Single(await h.Monitor.GetAttemptsAsync((await h.SingleDeliveryAsync()).Id, Ct));
        Assert.Equal((200, WebhookDeliveryErrorKind.None, recorded), (attempt.StatusCode, attempt.ErrorKind, attempt.ResponseBody));
    }

    [Fact]
    public async Task Rotation_signs_with_every_secret_and_standard_webhooks_headers_are_added_on_request()
    {
        await using var h = new EngineHarness();
        var old = WebhookSecret.Generate();
        var next = WebhookSecret.Generate();
        h.AddSubscription(secrets: [old, next], standardWebhooks: true);
        await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);

        await h.RunOnceAsync();

        var request = Assert.Single(h.Handler.Requests);
        Assert.Equal(2, request.Header("X-Ordinavo-Signature").Split(", ").Length);
        foreach (var secret in new[] { old, next })
        {
            var verifier = new WebhookVerifier(new WebhookVerifierOptions { Secrets = { secret }, TimeProvider = h.Time });
            Assert.True(verifier.Verify(request.Header("X-Ordinavo-Event-Id"), request.Header("X-Ordinavo-Timestamp"), request.Header("X-Ordinavo-Signature"), request.Body).IsValid);
            Assert.True(verifier.VerifyStandardWebhooks(request.Header("webhook-id"), request.Header("webhook-timestamp"), request.Header("webhook-signature"), request.Body).IsValid);
        }

        Assert.Equal(request.Header("X-Ordinavo-Event-Id"), request.Header("webhook-id"));
    }

    [Fact]
    public async Task A_failed_attempt_is_rescheduled_and_the_retry_sends_the_same_bytes_with_new_per_attempt_headers()
    {
        await using var h = new EngineHarness();
        h.AddSubscription();
        await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);
        h.Handler.Respond = (_, _) => Task.FromResult(StubHandler.Status(500, "database down"));

        await h.RunOnceAsync();

        var delivery = await h.SingleDeliveryAsync();
        Assert.Equal(WebhookDeliveryState.Pending, delivery.State);
        Assert.Equal(1, delivery.AttemptCount);
        Assert.Equal(h.Time.GetUtcNow().AddSeconds(5), delivery.NextAttemptAt);
        Assert.Equal(500, delivery.LastStatusCode);
        Assert.Equal(WebhookDeliveryErrorKind.HttpStatus, delivery.LastErrorKind);
        var failing = Assert.Single(h.Observer.Failing);
        Assert.Equal(delivery.NextAttemptAt, failing.NextAttemptAt);
        Assert.Equal(500, failing.StatusCode);
        Assert.Equal("database down", Assert.Single(await h.Monitor.GetAttemptsAsync(delivery.Id, Ct)).ResponseBody);

        Assert.Equal(0, await h.RunOnceAsync());
        h.Time.Advance(TimeSpan.FromSeconds(5));
        h.Handler.Respond = (_, _) => Task.FromResult(StubHandler.Status(204));
        Assert.Equal(1, await h.RunOnceAsync());

        var requests = h.Handler.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Equal("2", requests[1].Header("X-Ordinavo-Delivery-Attempt"));
        Assert.NotEqual(requests[0].Header("X-Ordinavo-Delivery-Id"), requests[1].Header("X-Ordinavo-Delivery-Id"));
        Assert.NotEqual(requests[0].Header("X-Ordinavo-Timestamp"), requests[1].Header("X-Ordinavo-Timestamp"));
        Assert.Equal(WebhookDeliveryState.Succeeded, (await h.SingleDeliveryAsync()).State);
    }

    [Fact]
    public async Task A_delivery_that_always_fails_follows_the_schedule_and_is_dead_lettered_after_the_tenth_attempt()
    {
        await using var h = new EngineHarness();
        h.AddSubscription();
        await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);
        h.Handler.Respond = (_, _) => Task.FromResult(StubHandler.Status(503));
        var start = h.Time.GetUtcNow();
        var attemptTimes = new List<DateTimeOffset>();

        for (var i = 0; i < 10; i++)
        {
            var delivery = await h.SingleDeliveryAsync();
            h.Time.SetUtcNow(delivery.NextAttemptAt);
            attemptTimes.Add(h.Time.GetUtcNow());
            Assert.Equal(1, await h.RunOnceAsync());
        }

        var dead = await h.SingleDeliveryAsync();
        Assert.Equal(WebhookDeliveryState.DeadLettered, dead.State);
        Assert.Equal(WebhookDeadLetterReason.RetriesExhausted, dead.DeadLetterReason);
        Assert.Equal(10, dead.AttemptCount);
        Assert.Equal(10, (await h.Monitor.GetAttemptsAsync(dead.Id, Ct)).Count);
        var gaps = attemptTimes.Zip(attemptTimes.Skip(1), (a, b) => b - a).ToArray();
        Assert.Equal(WebhookPublisherOptions.DefaultRetrySchedule(), gaps);
        Assert.InRange((attemptTimes[^1] - start).TotalDays, 3.0, 3.2);
        Assert.Equal(WebhookDeadLetterReason.RetriesExhausted, Assert.Single(h.Observer.DeadLettered).DeadLetterReason);
        Assert.Equal(9, h.Observer.Failing.Count);
        Assert.True((await h.Subscriptions.GetAsync("sub-1", Ct))!.IsEnabled);

        h.Time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, await h.RunOnceAsync());
    }

    [Fact]
    public async Task Retry_after_and_429_set_the_next_attempt()
    {
        await using var h = new EngineHarness();
        h.AddSubscription();
        await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);

        h.Handler.Respond = (_, _) => Task.FromResult(StubHandler.Status(429));
        var now = h.Time.GetUtcNow();
        await h.RunOnceAsync();
        Assert.Equal(now.AddSeconds(60), (await h.SingleDeliveryAsync()).NextAttemptAt);

        h.Time.SetUtcNow(now.AddSeconds(60));
        h.Handler.Respond = (_, _) => Task.FromResult(StubHandler.Status(503, retryAfter: TimeSpan.FromMinutes(45)));
        await h.RunOnceAsync();
        Assert.Equal(now.AddSeconds(60).AddMinutes(45), (await h.SingleDeliveryAsync()).NextAttemptAt);

        h.Time.SetUtcNow(now.AddSeconds(60).AddMinutes(45));
        h.Handler.Respond = (_, _) => Task.FromResult(StubHandler.Status(503, retryAfter: TimeSpan.FromDays(7)));
        await h.RunOnceAsync();
        Assert.Equal(h.Time.GetUtcNow().AddHours(24), (await h.SingleDeliveryAsync()).NextAttemptAt);
    }

    [Fact]
    public async Task A_timeout_is_recorded_and_the_next_attempt_waits_at_least_60_seconds()
    {
        await using var h = new EngineHarness(o => o.AttemptTimeout = TimeSpan.FromSeconds(15));
        h.AddSubscription();
        await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Handler.Respond = async (_, ct) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return StubHandler.Status(200);
        };

        var run = h.RunOnceAsync();
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        h.Time.Advance(TimeSpan.FromSeconds(15));
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        var delivery = await h.SingleDeliveryAsync();
        Assert.Equal(WebhookDeliveryErrorKind.Timeout, delivery.LastErrorKind);
        Assert.Null(delivery.LastStatusCode);
        Assert.Equal(h.Time.GetUtcNow().AddSeconds(60), delivery.NextAttemptAt);
        var attempt = Assert.Single(await h.Monitor.GetAttemptsAsync(delivery.Id, Ct));
        Assert.Equal(TimeSpan.FromSeconds(15), attempt.Duration);
    }

    [Fact]
    public async Task A_connection_failure_is_recorded_and_retried()
    {
        await using var h = new EngineHarness();
        h.AddSubscription();
        await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);
        h.Handler.Respond = (_, _) => throw new HttpRequestException("Connection refused");

        await h.RunOnceAsync();

        var delivery = await h.SingleDeliveryAsync();
        Assert.Equal(WebhookDeliveryErrorKind.ConnectionFailed, delivery.LastErrorKind);
        Assert.Equal(WebhookDeliveryState.Pending, delivery.State);
        Assert.Equal(h.Time.GetUtcNow().AddSeconds(5), delivery.NextAttemptAt);
    }

    [Fact]
    public async Task Gone_dead_letters_without_retry_and_disables_the_subscription()
    {
        await using var h = new EngineHarness();
        h.AddSubscription("gone");
        h.AddSubscription("fine", endpoint: new Uri("https://other.example/hook"));
        await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);
        await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);
        h.Handler.Respond = (r, _) => Task.FromResult(StubHandler.Status(r.Uri.Host == "receiver.example" ? 410 : 200));
        await h.RunOnceAsync();

        var gone = (await h.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { SubscriptionId = "gone" }, Ct)).Items;
        Assert.Equal(2, gone.Count);
        Assert.All(gone, d => Assert.Equal(WebhookDeliveryState.DeadLettered, d.State));
        Assert.Contains(gone, d => d.DeadLetterReason == WebhookDeadLetterReason.EndpointGone);
        var subscription = (await h.Subscriptions.GetAsync("gone", Ct))!;
        Assert.False(subscription.IsEnabled);
        Assert.Equal(WebhookSubscriptionDisabledReason.EndpointGone, subscription.DisabledReason);
        var disabled = Assert.Single(h.Observer.Disabled);
        Assert.Equal("gone", disabled.SubscriptionId);
        Assert.Equal(WebhookSubscriptionDisabledReason.EndpointGone, disabled.Reason);
        Assert.Empty(h.Observer.Failing);
        var fine = (await h.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { SubscriptionId = "fine" }, Ct)).Items;
        Assert.All(fine, d => Assert.Equal(WebhookDeliveryState.Succeeded, d.State));

        var next = await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);
        Assert.Equal(1, next.DeliveriesEnqueued);
    }

    [Fact]
    public async Task A_pending_delivery_of_a_disabled_subscription_is_dead_lettered_without_an_attempt_and_can_be_redelivered()
    {
        await using var h = new EngineHarness();
        h.AddSubscription();
        var published = await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);
        await h.Subscriptions.DisableAsync("sub-1", WebhookSubscriptionDisabledReason.Manual, h.Time.GetUtcNow(), Ct);

        await h.RunOnceAsync();

        Assert.Empty(h.Handler.Requests);
        var delivery = await h.SingleDeliveryAsync();
        Assert.Equal(WebhookDeadLetterReason.SubscriptionDisabled, delivery.DeadLetterReason);
        Assert.Equal(0, Assert.Single(h.Observer.DeadLettered).AttemptNumber);

        Assert.True(h.Subscriptions.Enable("sub-1"));
        Assert.True(await h.Operations.RedeliverAsync(published.EventId, "sub-1", Ct));
        await h.RunOnceAsync();
        Assert.Equal(WebhookDeliveryState.Succeeded, (await h.SingleDeliveryAsync()).State);
        Assert.Single(h.Handler.Requests);
    }

    [Fact]
    public async Task A_removed_subscription_dead_letters_its_delivery()
    {
        await using var h = new EngineHarness();
        h.AddSubscription();
        await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);
        h.Subscriptions.Remove("sub-1");

        await h.RunOnceAsync();

        Assert.Equal(WebhookDeadLetterReason.SubscriptionNotFound, (await h.SingleDeliveryAsync()).DeadLetterReason);
        Assert.Empty(h.Handler.Requests);
    }

    [Fact]
    public async Task A_subscription_failing_for_five_days_without_a_success_is_disabled()
    {
        await using var h = new EngineHarness();
        h.AddSubscription();
        h.Handler.Respond = (_, _) => Task.FromResult(StubHandler.Status(500));
        var start = h.Time.GetUtcNow();

        // One new event a day; every attempt fails. After 5 days of failures the subscription is disabled.
        for (var day = 0; day <= 5; day++)
        {
            h.Time.SetUtcNow(start.AddDays(day));
            await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);
            await h.RunOnceAsync();
        }

        var subscription = (await h.Subscriptions.GetAsync("sub-1", Ct))!;
        Assert.False(subscription.IsEnabled);
        Assert.Equal(WebhookSubscriptionDisabledReason.FailingTooLong, subscription.DisabledReason);
        Assert.Equal(start.AddDays(5), subscription.DisabledAt);
        var disabled = Assert.Single(h.Observer.Disabled);
        Assert.Equal(WebhookSubscriptionDisabledReason.FailingTooLong, disabled.Reason);
        Assert.Contains(h.Observer.DeadLettered, n => n.DeadLetterReason == WebhookDeadLetterReason.SubscriptionDisabled);
    }

    [Fact]
    public async Task A_success_resets_the_auto_disable_clock()
    {
        await using var h = new EngineHarness();
        h.AddSubscription();
        var start = h.Time.GetUtcNow();
        for (var day = 0; day <= 6; day++)
        {
            h.Time.SetUtcNow(start.AddDays(day));
            h.Handler.Respond = (_, _) => Task.FromResult(StubHandler.Status(day == 3 ? 200 : 500));
            await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);
            await h.RunOnceAsync();
        }

        Assert.True((await h.Subscriptions.GetAsync("sub-1", Ct))!.IsEnabled);
        Assert.Empty(h.Observer.Disabled);
    }

    [Fact]
    public async Task Auto_disable_can_be_turned_off()
    {
        await using var h = new EngineHarness(o => o.AutoDisableAfter = null);
        h.AddSubscription();
        h.Handler.Respond = (_, _) => Task.FromResult(StubHandler.Status(500));
        var start = h.Time.GetUtcNow();
        for (var day = 0; day <= 8; day += 2)
        {
            h.Time.SetUtcNow(start.AddDays(day));
            await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);
            await h.RunOnceAsync();
        }

        Assert.True((await h.Subscriptions.GetAsync("sub-1", Ct))!.IsEnabled);
    }

    [Fact]
    public async Task Only_the_first_4_KiB_of_the_response_body_are_kept()
    {
        await using var h = new EngineHarness();
        h.AddSubscription();
        await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);
        h.Handler.Respond = (_, _) => Task.FromResult(StubHandler.Status(500, new string('x', 10_000)));

        await h.RunOnceAsync();

        var attempt = Assert.Single(await h.Monitor.GetAttemptsAsync((await h.SingleDeliveryAsync()).Id, Ct));
        Assert.Equal(4096, attempt.ResponseBody!.Length);
    }

    [Fact]
    public async Task Plain_http_endpoints_are_refused_unless_allowed()
    {
        await using var h = new EngineHarness();
        h.AddSubscription(endpoint: new Uri("http://receiver.example/hook"));
        await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);

        await h.RunOnceAsync();

        Assert.Empty(h.Handler.Requests);
        var refused = await h.SingleDeliveryAsync();
        Assert.Equal(WebhookDeliveryErrorKind.InvalidEndpoint, refused.LastErrorKind);
        // Permanent: dead-lettered at once with the reason, not retried for days.
        Assert.Equal(WebhookDeliveryState.DeadLettered, refused.State);
        Assert.Equal(WebhookDeadLetterReason.EndpointRefused, refused.DeadLetterReason);
        Assert.Equal(1, refused.AttemptCount);

        await using var allowed = new EngineHarness(o => o.AllowInsecureHttp = true);
        allowed.AddSubscription(endpoint: new Uri("http://receiver.example/hook"));
        await allowed.Publisher.PublishAsync(EngineHarness.Input(), Ct);
        await allowed.RunOnceAsync();
        Assert.Single(allowed.Handler.Requests);
    }

    [Fact]
    public async Task The_per_endpoint_limit_holds_and_other_endpoints_keep_going()
    {
        await using var h = new EngineHarness(o =>
        {
            o.MaxConcurrentDeliveries = 4;
            o.MaxConcurrentDeliveriesPerEndpoint = 2;
        });
        h.AddSubscription("slow", endpoint: new Uri("https://slow.example/hook"));
        h.AddSubscription("fast", endpoint: new Uri("https://fast.example/hook"));
        for (var i = 0; i < 3; i++)
        {
            await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);
        }

        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowRunning = 0;
        var maxSlowRunning = 0;
        h.Handler.Respond = async (r, _) =>
        {
            if (r.Uri.Host == "slow.example")
            {
                var now = Interlocked.Increment(ref slowRunning);
                InterlockedMax(ref maxSlowRunning, now);
                await release.Task;
                Interlocked.Decrement(ref slowRunning);
            }

            return StubHandler.Status(200);
        };

        var run = h.RunOnceAsync();
        var fastDone = await Eventually.WaitUntilAsync(async () =>
            (await h.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { SubscriptionId = "fast", State = WebhookDeliveryState.Succeeded }, Ct)).Items.Count == 3);
        Assert.True(fastDone, "The fast endpoint's deliveries should finish while the slow endpoint holds its slots.");
        Assert.Equal(2, Volatile.Read(ref maxSlowRunning));
        release.SetResult();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, maxSlowRunning);
        Assert.Equal(6, (await h.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { State = WebhookDeliveryState.Succeeded }, Ct)).Items.Count);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
