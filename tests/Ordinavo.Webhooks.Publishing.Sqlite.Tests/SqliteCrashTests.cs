using System.Diagnostics;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Publishing.Sqlite.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Tests;

/// <summary>
/// A publisher in a child process with the SQLite store is killed (SIGKILL) at random moments while it publishes and
/// delivers 2,000 events to a loopback receiver in this process, and restarted each time. In the end every event has
/// reached the receiver at least once and every delivery is marked succeeded; duplicates are counted and reported.
/// </summary>
public sealed class SqliteCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int EventCount = 2000;
    private const int Kills = 6;
    private const int Seed = 20261122;

    private readonly TempDatabaseFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Every_event_reaches_the_receiver_although_the_publisher_is_killed_again_and_again()
    {
        var total = Stopwatch.StartNew();
        var random = new Random(Seed);
        await using var receiver = await LoopbackReceiver.StartAsync();
        Directory.CreateDirectory(_file.Folder);
        var eventIds = Enumerable.Range(0, EventCount).Select(_ => WebhookIdentifiers.NewEventId()).ToArray();
        var eventsFile = Path.Combine(_file.Folder, "events.txt");
        await File.WriteAllLinesAsync(eventsFile, eventIds);

        for (var kill = 1; kill <= Kills; kill++)
        {
            using var child = ChildProcess.Start("crash-publisher", _file.Path, eventsFile, receiver.Endpoint.ToString());
            await WaitForLineAsync(child, "ready");
            var delay = TimeSpan.FromMilliseconds(random.Next(300, 2500));
            await Task.Delay(delay);
            var before = receiver.Distinct;
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            output.WriteLine($"kill {kill}: SIGKILL {delay.TotalMilliseconds:0} ms after ready; {before} distinct events received so far, {receiver.Duplicates} duplicates.");
        }

        using (var last = ChildProcess.Start("crash-publisher", _file.Path, eventsFile, receiver.Endpoint.ToString()))
        {
            await WaitForLineAsync(last, "ready");
            var allArrived = await receiver.WaitForDistinctAsync(EventCount, TimeSpan.FromSeconds(90));
            await using (var store = new SqliteWebhookOutboxStore(_file.Options()))
            {
                // Let the last child record its final completions, then stop it cleanly.
                var deadline = Stopwatch.StartNew();
                while ((await store.GetQueueDepthAsync(DateTimeOffset.UtcNow, CancellationToken.None)).Pending > 0 && deadline.Elapsed < TimeSpan.FromSeconds(15))
                {
                    await Task.Delay(50);
                }

                last.StandardInput.Close();
                Assert.True(await WaitForExitAsync(last, TimeSpan.FromSeconds(20)), "The last child did not stop after its input closed.");
                Assert.True(allArrived, $"Only {receiver.Distinct} of {EventCount} events reached the receiver.");

                var succeeded = await CountAsync(store, WebhookDeliveryState.Succeeded);
                var depth = await store.GetQueueDepthAsync(DateTimeOffset.UtcNow, CancellationToken.None);
                Assert.Equal(0, depth.Pending);
                Assert.Equal(EventCount, succeeded);
            }
        }

        Assert.All(eventIds, id => Assert.True(receiver.CountOf(id) >= 1, $"Event {id} never arrived."));
        Assert.Equal(EventCount, receiver.Distinct);
        output.WriteLine($"{EventCount} events, {Kills} kills: {receiver.Total} deliveries received, {receiver.Duplicates} duplicates ({100.0 * receiver.Duplicates / EventCount:0.00} %), {total.Elapsed.TotalSeconds:0.0} s.");
    }

    private static async Task<int> CountAsync(SqliteWebhookOutboxStore store, WebhookDeliveryState state)
    {
        var count = 0;
        string? after = null;
        do
        {
            var page = await store.QueryDeliveriesAsync(new WebhookDeliveryQuery { State = state, After = after, Limit = 1000 }, CancellationToken.None);
            count += page.Items.Count;
            after = page.NextAfter;
        }
        while (after is not null);

        return count;
    }

    private static async Task WaitForLineAsync(Process child, string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await child.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == expected)
            {
                return;
            }
        }

        throw new InvalidOperationException($"The child exited before printing '{expected}': {await child.StandardError.ReadToEndAsync()}");
    }

    private static async Task<bool> WaitForExitAsync(Process child, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await child.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            return false;
        }
    }
}
