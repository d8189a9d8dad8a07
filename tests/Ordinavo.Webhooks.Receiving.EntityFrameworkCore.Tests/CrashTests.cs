using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;

namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore.Tests;

/// <summary>
/// A receiver process killed (SIGKILL) at random moments while 1,000 events are sent with retries, as a publisher
/// would, then started again: every event's effect exists exactly once.
/// </summary>
public sealed class CrashTests
{
    private const int Events = 1000;

    [Theory]
    [MemberData(nameof(TestEvents.Providers), MemberType = typeof(TestEvents))]
    public async Task A_receiver_killed_while_handling_loses_no_event_and_handles_none_twice(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var port = FreePort();
        var endpoint = new Uri($"http://127.0.0.1:{port}/webhooks/ordinavo");
        var requests = Enumerable.Range(0, Events).Select(i => TestEvents.Request(TestEvents.Event(visitReportId: 1 + (i % 50)))).ToArray();
        var pending = new ConcurrentQueue<int>(Enumerable.Range(0, Events));
        var answered = new int[Events];
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var random = new Random(1234);
        var kills = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);

        var child = StartChild(provider, database.ConnectionString, port);
        try
        {
            var senders = Enumerable.Range(0, 8).Select(async _ =>
            {
                while (pending.TryDequeue(out var index) && DateTime.UtcNow < deadline)
                {
                    var attempt = Interlocked.Increment(ref answered[index]);
                    try
                    {
                        var status = await ReceiverHost.SendAsync(client, endpoint, requests[index].AsAttempt(attempt));
                        if (status == HttpStatusCode.OK)
                        {
                            continue;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(20);
                    }
                    catch (TaskCanceledException)
                    {
                    }

                    pending.Enqueue(index); // the publisher's retry
                }
            }).ToArray();

            var all = Task.WhenAll(senders);
            while (!all.IsCompleted && kills < 12)
            {
                await Task.WhenAny(all, Task.Delay(random.Next(150, 600)));
                if (all.IsCompleted)
                {
                    break;
                }

                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync();
                child.Dispose();
                kills++;
                child = StartChild(provider, database.ConnectionString, port);
            }

            await all;
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            child.Dispose();
        }

        Assert.True(kills >= 3, $"the receiver was killed {kills} times; the test needs at least 3");
        Assert.Empty(pending);
        await using var context = database.NewContext();
        var counts = await context.Effects.GroupBy(e => e.EventId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal(Events, counts.Count);
        Assert.All(counts, c => Assert.Equal(1, c.Count));
        Assert.Equal(Events, await context.Set<WebhookInboxRecord>().CountAsync());
    }

    private static Process StartChild(string provider, string connectionString, int port)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(CrashTests).Assembly.Location);
        foreach (var argument in new[] { "receive", provider, connectionString, port.ToString(System.Globalization.CultureInfo.InvariantCulture), ReceiverHost.Secret })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The receiver process did not start.");
        var line = process.StandardOutput.ReadLine();
        if (line != "listening")
        {
            throw new InvalidOperationException("The receiver process did not start: " + process.StandardError.ReadToEnd());
        }

        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
