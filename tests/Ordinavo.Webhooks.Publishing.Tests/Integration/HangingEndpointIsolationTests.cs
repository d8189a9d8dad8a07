using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Ordinavo.Webhooks.Publishing.Tests.Support;
using Ordinavo.Webhooks.Signing;
using Xunit.Abstractions;

namespace Ordinavo.Webhooks.Publishing.Tests.Integration;

/// <summary>
/// A hanging endpoint (never answers until the attempt times out) must not cut the throughput of a healthy endpoint by
/// more than 10 %. Measured as the time to deliver N already published events to the healthy endpoint, alone and with a
/// hanging endpoint subscribed to the same events (from the worker's start), best of three alternating runs each (robust on a loaded 2-core machine).
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class HangingEndpointIsolationTests(ITestOutputHelper output)
{
    private const int Events = 1000;

    [Fact]
    public async Task A_hanging_endpoint_costs_a_healthy_endpoint_at_most_10_percent_of_its_throughput()
    {
        var secret = WebhookSecret.Generate();
        var healthyCount = 0;
        TaskCompletionSource? done = null;
        var target = 0;
        await using var healthy = await Receiver.StartAsync((context, _) =>
        {
            if (Interlocked.Increment(ref healthyCount) == Volatile.Read(ref target))
            {
                done?.TrySetResult();
            }

            context.Response.StatusCode = 200;
            return Task.CompletedTask;
        });
        var hangingRequests = 0;
        await using var hanging = await Receiver.StartAsync(async (context, _) =>
        {
            Interlocked.Increment(ref hangingRequests);
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
        });

        async Task<TimeSpan> RunAsync(bool withHanging)
        {
            Volatile.Write(ref healthyCount, 0);
            Volatile.Write(ref target, Events);
            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var publisher = await PublisherHost.StartAsync(o =>
            {
                o.MaxConcurrentDeliveries = 16;
                o.MaxConcurrentDeliveriesPerEndpoint = 4;
                o.AttemptTimeout = TimeSpan.FromSeconds(2);
                o.LeaseDuration = TimeSpan.FromSeconds(5);
                o.RetrySchedule = [.. Enumerable.Repeat(TimeSpan.FromMilliseconds(200), 20)];
                o.MinimumDelayAfterTimeoutOrThrottle = TimeSpan.FromMilliseconds(200);
                o.BusyEndpointDeferral = TimeSpan.FromMilliseconds(300);
            }, deferWorkerStart: true);
            publisher.Subscribe("healthy", healthy.Url("/hook"), secret);
            if (withHanging)
            {
                publisher.Subscribe("hanging", hanging.Url("/hook"), secret);
            }

            for (var i = 0; i < Events; i++)
            {
                await publisher.Publisher.PublishAsync(EngineHarness.Input(), CancellationToken.None);
            }

            var clock = Stopwatch.StartNew();
            await publisher.StartWorkerAsync();

            await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return clock.Elapsed;
        }

        await RunAsync(withHanging: false); // warm-up (JIT, connection pools)
        var alone = new List<TimeSpan>();
        var withHangingEndpoint = new List<TimeSpan>();
        for (var round = 0; round < 3; round++)
        {
            alone.Add(await RunAsync(withHanging: false));
            withHangingEndpoint.Add(await RunAsync(withHanging: true));
        }

        var best = alone.Min();
        var bestWithHanging = withHangingEndpoint.Min();
        var throughputRatio = best / bestWithHanging;
        output.WriteLine($"healthy alone: {string.Join(", ", alone.Select(t => $"{t.TotalMilliseconds:F0} ms"))}; " +
                         $"with a hanging endpoint: {string.Join(", ", withHangingEndpoint.Select(t => $"{t.TotalMilliseconds:F0} ms"))}; " +
                         $"throughput ratio {throughputRatio:F3}; hanging endpoint got {hangingRequests} requests");
        Assert.True(hangingRequests > 0, "The hanging endpoint should have been attempted.");
        Assert.True(throughputRatio >= 0.90, $"The healthy endpoint kept only {throughputRatio:P1} of its throughput.");
    }
}
