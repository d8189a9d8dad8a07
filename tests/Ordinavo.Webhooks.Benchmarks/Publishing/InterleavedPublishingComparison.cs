using System.Diagnostics;

namespace Ordinavo.Webhooks.Benchmarks.PublishingThroughput;

/// <summary>
/// A cross-check of <see cref="PublishingThroughputBenchmarks"/> that is robust to the floor's drift between runs: the
/// same set-up, the floor (<see cref="PublishingThroughputBenchmarks.RawHttpClientLoop"/>) and the publisher delivering
/// published events (<see cref="PublishingThroughputBenchmarks.PublisherDeliversPublishedEvents"/>) alternate round by
/// round (which one goes first alternates too), each after a full collection as BenchmarkDotNet does, and the result is
/// the median of the per-round throughput ratios. Run with
/// <c>dotnet run -c Release --project tests/Ordinavo.Webhooks.Benchmarks -- --interleaved-publishing [rounds]</c>.
/// </summary>
public static class InterleavedPublishingComparison
{
    /// <summary>The command-line switch that selects this comparison instead of BenchmarkDotNet.</summary>
    public const string Switch = "--interleaved-publishing";

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(25);

    /// <summary>Runs the comparison and prints one line of results.</summary>
    /// <param name="rounds">How many measured rounds (one floor iteration and one publisher iteration each).</param>
    public static async Task RunAsync(int rounds)
    {
        var benchmarks = new PublishingThroughputBenchmarks();
        await benchmarks.SetupAsync();
        try
        {
            // The tiered JIT needs about 20 s of full load on two cores before both sides run their final code.
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed < WarmUp)
            {
                await RoundAsync(benchmarks, floor: true);
                await RoundAsync(benchmarks, floor: false);
            }

            var floorTimes = new List<double>(rounds);
            var publisherTimes = new List<double>(rounds);
            var ratios = new List<double>(rounds);
            for (var round = 0; round < rounds; round++)
            {
                var floorFirst = round % 2 == 0;
                var first = await RoundAsync(benchmarks, floor: floorFirst);
                var second = await RoundAsync(benchmarks, floor: !floorFirst);
                var (floorTime, publisherTime) = floorFirst ? (first, second) : (second, first);
                floorTimes.Add(floorTime);
                publisherTimes.Add(publisherTime);
                ratios.Add(floorTime / publisherTime);
            }

            ratios.Sort();
            Console.WriteLine(
                $"{rounds} rounds of {PublishingThroughputBenchmarks.Events} events: floor median {Median(floorTimes):F1} us/event, " +
                $"publisher median {Median(publisherTimes):F1} us/event; publisher throughput / floor throughput per round: " +
                $"median {Median(ratios):F3} (Q1 {ratios[rounds / 4]:F3}, Q3 {ratios[3 * rounds / 4]:F3})");
        }
        finally
        {
            await benchmarks.CleanupAsync();
        }
    }

    private static async Task<double> RoundAsync(PublishingThroughputBenchmarks benchmarks, bool floor)
    {
        if (floor)
        {
            benchmarks.Reset();
        }
        else
        {
            benchmarks.PublishBacklog();
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var watch = Stopwatch.StartNew();
        await (floor ? benchmarks.RawHttpClientLoop() : benchmarks.PublisherDeliversPublishedEvents());
        return watch.Elapsed.TotalMilliseconds * 1000 / PublishingThroughputBenchmarks.Events;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
