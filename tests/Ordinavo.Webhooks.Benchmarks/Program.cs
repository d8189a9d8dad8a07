using BenchmarkDotNet.Running;

namespace Ordinavo.Webhooks.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project tests/Ordinavo.Webhooks.Benchmarks -- --filter '*'</c>.
/// Every benchmark class compares against a baseline measured in the same run; docs/benchmarks.md records the ratios.
/// <c>-- --interleaved-publishing [rounds]</c> runs <see cref="PublishingThroughput.InterleavedPublishingComparison"/> instead,
/// <c>-- --interleaved-subscriptions [rounds]</c> <see cref="Subscriptions.InterleavedSubscriptionStoreComparison"/>.
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        if (args.Length > 0 && args[0] == PublishingThroughput.InterleavedPublishingComparison.Switch)
        {
            await PublishingThroughput.InterleavedPublishingComparison.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200);
            return;
        }

        if (args.Length > 0 && args[0] == Subscriptions.InterleavedSubscriptionStoreComparison.Switch)
        {
            await Subscriptions.InterleavedSubscriptionStoreComparison.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchmarkConfig());
    }
}
