using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Publishing.Tests.Support;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing.Tests.Integration;

/// <summary>Real HTTP over loopback: the publisher's worker delivers to Kestrel receivers that verify every signature.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class KestrelDeliveryTests
{
    private static CancellationToken Ct => CancellationToken.None;

    private static Dictionary<string, string> Headers(HttpContext context) =>
        context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    [Fact]
    public async Task Every_delivery_arrives_signed_and_verifies_with_the_signing_package()
    {
        var secretA = WebhookSecret.Generate();
        var secretB = WebhookSecret.Generate();
        var verified = new ConcurrentDictionary<string, int>();
        var problems = new ConcurrentQueue<string>();
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        const int events = 20;

        await using var receiver = await Receiver.StartAsync(async (context, body) =>
        {
            var secret = context.Request.Path.Value!.EndsWith("/a", StringComparison.Ordinal) ? secretA : secretB;
            var verifier = new WebhookVerifier(new WebhookVerifierOptions { Secrets = { secret } });
            var headers = Headers(context);
            var result = verifier.Verify(new DictionaryHeaderReader(headers), body);
            var evt = WebhookEventSerializer.Deserialize(body);
            if (!result.IsValid || evt.EventId != headers["X-Ordinavo-Event-Id"] || !headers.ContainsKey("traceparent") ||
                !WebhookIdentifiers.IsValidDeliveryId(headers["X-Ordinavo-Delivery-Id"]) || headers["Content-Type"] != "application/json; charset=utf-8")
            {
                problems.Enqueue($"{result.Status} {context.Request.Path}");
                context.Response.StatusCode = 400;
                return;
            }

            if (verified.AddOrUpdate($"{context.Request.Path}|{evt.EventId}", 1, (_, n) => n + 1) == 1 && verified.Count == 2 * events)
            {
                allArrived.TrySetResult();
            }

            context.Response.StatusCode = 200;
            await context.Response.WriteAsync("ok");
        });
        await using var publisher = await PublisherHost.StartAsync(_ => { });
        publisher.Subscribe("a", receiver.Url("/hooks/a"), secretA);
        publisher.Subscribe("b", receiver.Url("/hooks/b"), secretB);

        for (var i = 0; i < events; i++)
        {
            await publisher.Publisher.PublishAsync(EngineHarness.Input(), Ct);
        }

        await allArrived.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Empty(problems);
        Assert.Equal(2 * events, verified.Count);
        await WaitForAsync(async () => (await publisher.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { State = WebhookDeliveryState.Succeeded, Limit = 1000 }, Ct)).Items.Count == 2 * events);
        var attempts = await publisher.Operations.GetAttemptsAsync(
            (await publisher.Operations.GetDeliveriesAsync(new WebhookDeliveryQuery { Limit = 1 }, Ct)).Items[0].Id, Ct);
        Assert.Equal("ok", Assert.Single(attempts).ResponseBody);
    }

    [Fact]
    public async Task A_chaos_receiver_still_gets_every_event_at_least_once_and_nothing_is_lost()
    {
        var secret = WebhookSecret.Generate();
        var random = new Random(20260618);
        var acknowledged = new ConcurrentDictionary<string, int>();
        var outcomes = new ConcurrentDictionary<string, int>();
        const int events = 60;
        var allAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var receiver = await Receiver.StartAsync(async (context, body) =>
        {
            double roll;
            lock (random)
            {
                roll = random.NextDouble();
            }

            if (roll < 0.2)
            {
                outcomes.AddOrUpdate("500", 1, (_, n) => n + 1);
                context.Response.StatusCode = 500;
                return;
            }

            if (roll < 0.3)
            {
                outcomes.AddOrUpdate("slow", 1, (_, n) => n + 1);
                await Task.Delay(TimeSpan.FromSeconds(1), context.RequestAborted).ContinueWith(_ => { });
                return;
            }

            if (roll < 0.4)
            {
                outcomes.AddOrUpdate("abort", 1, (_, n) => n + 1);
                context.Abort();
                return;
            }

            var verifier = new WebhookVerifier(new WebhookVerifierOptions { Secrets = { secret } });
            if (!verifier.Verify(new DictionaryHeaderReader(Headers(context)), body).IsValid)
            {
                context.Response.StatusCode = 401;
                return;
            }

            var eventId = context.Request.Headers["X-Ordinavo-Event-Id"].ToString();
            if (acknowledged.AddOrUpdate(eventId, 1, (_, n) => n + 1) == 1 && acknowledged.Count == events)
            {
                allAcknowledged.TrySetResult();
            }

            context.Response.StatusCode = 200;
        });

        await using var publisher = await PublisherHost.StartAsync(o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.LeaseDuration = TimeSpan.FromSeconds(2);
            o.RetrySchedule = [.. Enumerable.Repeat(TimeSpan.FromMilliseconds(50), 20)];
            o.MinimumDelayAfterTimeoutOrThrottle = TimeSpan.FromMilliseconds(50);
            o.MaxConcurrentDeliveries = 16;
            o.MaxConcurrentDeliveriesPerEndpoint = 8;
        });
        publisher.Subscribe("chaos", receiver.Url("/chaos"), secret);
        var published = new List<string>();
        for (var i = 0; i < events; i++)
        {
            published.Add((await publisher.Publisher.PublishAsync(EngineHarness.Input(), Ct)).EventId);
        }

        await allAcknowledged.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(published.Order(), acknowledged.Keys.Order());
        await WaitForAsync(async () => (await publisher.Monitor.GetQueueDepthAsync(DateTimeOffset.UtcNow, Ct)).Pending == 0);
        var deliveries = (await publisher.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { Limit = 1000 }, Ct)).Items;
        Assert.Equal(events, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(WebhookDeliveryState.Succeeded, d.State));
        Assert.True(outcomes.GetValueOrDefault("500") > 0 && outcomes.GetValueOrDefault("slow") > 0 && outcomes.GetValueOrDefault("abort") > 0, "Every kind of chaos should have happened.");
        var kinds = new HashSet<WebhookDeliveryErrorKind>();
        foreach (var delivery in deliveries)
        {
            foreach (var attempt in await publisher.Monitor.GetAttemptsAsync(delivery.Id, Ct))
            {
                kinds.Add(attempt.ErrorKind);
            }
        }

        Assert.Superset(new HashSet<WebhookDeliveryErrorKind> { WebhookDeliveryErrorKind.None, WebhookDeliveryErrorKind.HttpStatus, WebhookDeliveryErrorKind.Timeout, WebhookDeliveryErrorKind.ConnectionFailed }, kinds);
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        var requests = 0;
        await using var receiver = await Receiver.StartAsync((context, _) =>
        {
            Interlocked.Increment(ref requests);
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = "/elsewhere";
            return Task.CompletedTask;
        });
        await using var publisher = await PublisherHost.StartAsync(_ => { }, startWorker: false);
        publisher.Subscribe("redirect", receiver.Url("/hook"), WebhookSecret.Generate());

        var result = await publisher.Operations.SendTestEventAsync("redirect", Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(307, result.Attempt.StatusCode);
        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task A_test_event_is_signed_and_ignored_by_type_but_answered()
    {
        var secret = WebhookSecret.Generate();
        string? type = null;
        var valid = false;
        await using var receiver = await Receiver.StartAsync((context, body) =>
        {
            type = context.Request.Headers["X-Ordinavo-Event-Type"].ToString();
            valid = new WebhookVerifier(new WebhookVerifierOptions { Secrets = { secret } }).Verify(new DictionaryHeaderReader(Headers(context)), body).IsValid;
            return Task.CompletedTask;
        });
        await using var publisher = await PublisherHost.StartAsync(_ => { }, startWorker: false);
        publisher.Subscribe("test", receiver.Url("/hook"), secret);

        var result = await publisher.Operations.SendTestEventAsync("test", Ct);

        Assert.True(result.Succeeded);
        Assert.Equal("webhook.test", type);
        Assert.True(valid);
        Assert.True(WebhookIdentifiers.IsValidEventId(result.EventId));
        var missing = await Assert.ThrowsAsync<WebhookPublishingException>(() => publisher.Operations.SendTestEventAsync("missing", Ct));
        Assert.Equal(WebhookPublishingErrorReason.SubscriptionNotFound, missing.Reason);
    }

    internal static async Task WaitForAsync(Func<Task<bool>> condition, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition was not met in time.");
            }

            await Task.Delay(20);
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IntegrationCollection
{
    public const string Name = "Kestrel integration";
}
