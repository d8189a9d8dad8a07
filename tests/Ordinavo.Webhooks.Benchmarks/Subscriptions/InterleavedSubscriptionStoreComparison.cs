using System.Diagnostics;

namespace Ordinavo.Webhooks.Benchmarks.Subscriptions;

/// <summary>
/// A cross-check of <see cref="SubscriptionStorePublishBenchmarks"/> that is robust to a machine whose load changes
/// between BenchmarkDotNet's processes: in one process, with the same set-up, the baseline
/// (<see cref="SubscriptionStorePublishBenchmarks.InMemorySubscriptionStore"/>) and the durable store
/// (<see cref="SubscriptionStorePublishBenchmarks.DurableSubscriptionStore"/>) alternate round by round (which one goes
/// first alternates too), each round <see cref="Operations"/> publishes after a full collection, and the result is the
/// median of the per-round time ratios. SQLite always, PostgreSQL when ORDINAVO_TEST_POSTGRES is set. Run with
/// <c>dotnet run -c Release --project tests/Ordinavo.Webhooks.Benchmarks -- --interleaved-subscriptions [rounds]</c>.
/// </summary>
public static class InterleavedSubscriptionStoreComparison
{
    /// <summary>The command-line switch that selects this comparison instead of BenchmarkDotNet.</summary>
    public const string Switch = "--interleaved-subscriptions";

    private const int Operations = 4000;

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);

    /// <summary>Runs the comparison and prints one line per durable store.</summary>
    /// <param name="rounds">How many measured rounds (one baseline and one durable iteration each).</param>
    public static async Task RunAsync(int rounds)
    {
        await RunAsync("SQLite", new SqliteSubscriptionStorePublishBenchmarks(), rounds);
        if (Environment.GetEnvironmentVariable("ORDINAVO_TEST_POSTGRES") is { Length: > 0 })
        {
            await RunAsync("PostgreSQL", new PostgreSqlSubscriptionStorePublishBenchmarks(), rounds);
        }
    }

    private static async Task RunAsync(string name, SubscriptionStorePublishBenchmarks benchmarks, int rounds)
    {
        await benchmarks.SetupAsync();
        try
        {
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed < WarmUp)
            {
                await RoundAsync(benchmarks, durable: false);
                await RoundAsync(benchmarks, durable: true);
            }

            var baselineTimes = new List<double>(rounds);
            var durableTimes = new List<double>(rounds);
            var ratios = new List<double>(rounds);
            for (var round = 0; round < rounds; round++)
            {
                var baselineFirst = round % 2 == 0;
                var first = await RoundAsync(benchmarks, durable: !baselineFirst);
                var second = await RoundAsync(benchmarks, durable: baselineFirst);
                var (baseline, durable) = baselineFirst ? (first, second) : (second, first);
                baselineTimes.Add(baseline);
                durableTimes.Add(durable);
                ratios.Add(durable / baseline);
            }

            ratios.Sort();
            Console.WriteLine(
                $"{name}: {rounds} rounds of {Operations} publishes: in-memory subscriptions median {Median(baselineTimes):F2} us/publish, " +
                $"durable median {Median(durableTimes):F2} us/publish; durable / in-memory time per round: " +
                $"median {Median(ratios):F3} (Q1 {ratios[rounds / 4]:F3}, Q3 {ratios[3 * rounds / 4]:F3})");
        }
        finally
        {
            await benchmarks.CleanupAsync();
        }
    }

    private static async Task<double> RoundAsync(SubscriptionStorePublishBenchmarks benchmarks, bool durable)
    {
        benchmarks.EmptyOutboxes();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Operations; i++)
        {
            await (durable ? benchmarks.DurableSubscriptionStore() : benchmarks.InMemorySubscriptionStore());
        }

        return watch.Elapsed.TotalMilliseconds * 1000 / Operations;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
