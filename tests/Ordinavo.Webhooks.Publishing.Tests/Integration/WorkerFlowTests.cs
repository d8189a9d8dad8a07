using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ordinavo.Webhooks.Publishing.Tests.Support;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing.Tests.Integration;

/// <summary>
/// The delivery worker as a host runs it (a generic host, its hosted service, the real clock and HttpClient) delivers
/// a burst to one Kestrel endpoint through flows: one attempt at a time, without waiting for the poll.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class WorkerFlowTests
{
    private const int Burst = 20;

    [Fact]
    public async Task The_hosted_worker_delivers_a_burst_to_one_endpoint_one_at_a_time_without_waiting_for_the_poll()
    {
        // The poll is 60 s and everything below must finish within 45 s of the host's start, so no poll ever fires:
        // only flows and the worker's own wake-ups can deliver the burst.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        var received = new ConcurrentQueue<string>();
        var running = 0;
        var maxRunning = 0;
        await using var receiver = await Receiver.StartAsync(async (context, _) =>
        {
            InterlockedMax(ref maxRunning, Interlocked.Increment(ref running));
            received.Enqueue(context.Request.Headers["X-Ordinavo-Event-Id"].ToString());
            // Holds the endpoint's slot a moment, so that a second attempt started beside this one would overlap it.
            await Task.Delay(5);
            Interlocked.Decrement(ref running);
            context.Response.StatusCode = 200;
        });
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddOrdinavoWebhookPublisher(o =>
            {
                o.AllowInsecureHttp = true;
                o.AllowedDestinations = ["127.0.0.1"];
                o.PollInterval = TimeSpan.FromSeconds(60);
                o.MaxConcurrentDeliveriesPerEndpoint = 1;
            })
            .UseInMemoryStore()
            .UseInMemorySubscriptions(store => store.Upsert(new WebhookSubscription
            {
                Id = "burst",
                TenantId = PayloadInputs.TenantId,
                EndpointUrl = receiver.Url("/hooks"),
                Secrets = [WebhookSecret.Generate()],
            }));
        using var host = builder.Build();
        await host.StartAsync(deadline.Token);
        try
        {
            var publisher = host.Services.GetRequiredService<IWebhookPublisher>();

            // A new endpoint: what is leased beyond one more round is pushed back for a moment until it has answered,
            // and comes back when due; the rest waits for the endpoint's slot and the flow takes it.
            var published = new List<string>();
            for (var i = 0; i < Burst; i++)
            {
                published.Add((await publisher.PublishAsync(EngineHarness.Input(), deadline.Token)).EventId);
            }

            await WaitForSucceededAsync(host.Services.GetRequiredService<IWebhookDeliveryMonitor>(), deadline.Token);

            Assert.Equal(published.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
            Assert.Equal(1, Volatile.Read(ref maxRunning));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Waits until the whole burst is stored as succeeded (the receiver sees a request before the worker stores its
    /// outcome); fails the test when the deadline passes first.
    /// </summary>
    private static async Task WaitForSucceededAsync(IWebhookDeliveryMonitor monitor, CancellationToken deadline)
    {
        while (true)
        {
            var succeeded = (await monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { State = WebhookDeliveryState.Succeeded }, CancellationToken.None)).Items.Count;
            if (succeeded >= Burst)
            {
                return;
            }

            Assert.False(deadline.IsCancellationRequested, $"{succeeded} of {Burst} deliveries succeeded before the deadline, which is shorter than the poll interval.");
            await Task.Delay(10, CancellationToken.None);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
