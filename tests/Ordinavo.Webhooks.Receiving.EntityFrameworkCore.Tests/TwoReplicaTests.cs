using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Ordinavo.Webhooks.Testing;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore.Tests;

/// <summary>Two receiver hosts (replicas behind a load balancer) on one PostgreSQL database.</summary>
[RequiresPostgres]
public sealed class TwoReplicaTests
{
    private const int Events = 2000;

    [Fact]
    public async Task Events_sent_to_both_replicas_at_once_and_again_later_have_each_effect_exactly_once()
    {
        await using var database = await TestDatabase.CreateAsync("postgres");
        await using var a = await ReceiverHost.StartAsync(database);
        await using var b = await ReceiverHost.StartAsync(database);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var requests = Enumerable.Range(0, Events).Select(i => TestEvents.Request(TestEvents.Event(visitReportId: 1 + (i % 200)))).ToArray();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        using var gate = new SemaphoreSlim(16);

        async Task SendToBoth(SignedWebhookRequest request)
        {
            await gate.WaitAsync();
            try
            {
                var answers = await Task.WhenAll(
                    ReceiverHost.SendAsync(client, a.Endpoint, request),
                    ReceiverHost.SendAsync(client, b.Endpoint, request));
                foreach (var answer in answers)
                {
                    statuses.Add(answer);
                }
            }
            finally
            {
                gate.Release();
            }
        }

        await Task.WhenAll(requests.Select(r => SendToBoth(r)));
        await Task.WhenAll(requests.Select(r => SendToBoth(r.AsAttempt(2))));

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Conflict, $"answered {s}"));
        await using var context = database.NewContext();
        var counts = await context.Effects.GroupBy(e => e.EventId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(Events, counts.Count);
        Assert.All(counts, c => Assert.Equal(1, c));
        Assert.Equal(Events, a.Control.Seen.Count + b.Control.Seen.Count);
    }
}
