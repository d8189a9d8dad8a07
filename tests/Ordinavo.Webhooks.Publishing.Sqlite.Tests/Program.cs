using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Publishing.Sqlite.Tests.Infrastructure;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Tests;

/// <summary>
/// The entry point when this test assembly runs as a child process (the test host never calls it):
/// <list type="bullet">
/// <item><c>migrate &lt;db&gt;</c>: opens the store and migrates the schema (the concurrent-start test).</item>
/// <item><c>crash-publisher &lt;db&gt; &lt;event-ids-file&gt; &lt;endpoint&gt;</c>: a publisher node with the SQLite store that
/// publishes every event id of the file (idempotently: already published ones are duplicates) and delivers until its
/// standard input closes or it is killed (the crash test).</item>
/// <item><c>finish-hangs-publisher &lt;db&gt; &lt;event-ids-file&gt; &lt;endpoint&gt;</c>: the same, but finishing attempts never
/// returns and writes nothing (<see cref="FinishNeverReturnsStore"/>): it sends attempts and is killed before it finishes
/// them (the batched-finish crash test).</item>
/// </list>
/// </summary>
public static class Program
{
    /// <summary>Child lease: short, so that a killed child's deliveries are picked up soon after a restart.</summary>
    public static readonly TimeSpan ChildLease = TimeSpan.FromSeconds(3);

    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["migrate", var database]:
                await using (var store = new SqliteWebhookOutboxStore(new SqliteWebhookOutboxStoreOptions { DatabasePath = database }))
                {
                    await store.EnsureSchemaAsync(CancellationToken.None);
                }

                return 0;

            case ["crash-publisher", var database, var eventsFile, var endpoint]:
                await RunCrashPublisherAsync(database, eventsFile, new Uri(endpoint), builder => builder.UseSqliteStore(database));
                return 0;

            case ["finish-hangs-publisher", var database, var eventsFile, var endpoint]:
                await RunCrashPublisherAsync(database, eventsFile, new Uri(endpoint), builder => builder
                    .UseSqliteStore(database)
                    .UseStore(
                        store: sp => new FinishNeverReturnsStore(sp.GetRequiredService<SqliteWebhookOutboxStore>()),
                        monitor: sp => sp.GetRequiredService<SqliteWebhookOutboxStore>()));
                return 0;

            default:
                await Console.Error.WriteLineAsync("usage: migrate <db> | crash-publisher|finish-hangs-publisher <db> <event-ids-file> <endpoint>");
                return 2;
        }
    }

    private static async Task RunCrashPublisherAsync(string database, string eventsFile, Uri endpoint, Action<IWebhookPublisherBuilder> useStore)
    {
        var node = await PublisherNode.StartAsync(endpoint, useStore,
            workerId: $"child-{Environment.ProcessId}",
            configure: options =>
            {
                options.AttemptTimeout = TimeSpan.FromSeconds(2);
                options.LeaseDuration = ChildLease;
                options.MaxConcurrentDeliveriesPerEndpoint = 16;
                options.BusyEndpointDeferral = TimeSpan.FromMilliseconds(100);
            });
        await using (node)
        {
            Console.WriteLine("ready");
            var eventIds = await File.ReadAllLinesAsync(eventsFile);
            // A few publishers at once, like request threads of a host.
            await Parallel.ForEachAsync(Enumerable.Range(0, eventIds.Length), new ParallelOptions { MaxDegreeOfParallelism = 4 },
                async (i, ct) => await node.Publisher.PublishAsync(PublisherNode.NewEvent(eventIds[i], i), ct));
            Console.WriteLine("published");
            // Deliver until the parent closes standard input (a clean stop) or kills the process.
            await Console.In.ReadToEndAsync();
        }
    }
}
