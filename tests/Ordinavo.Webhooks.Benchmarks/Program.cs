using BenchmarkDotNet.Running;

namespace Ordinavo.Webhooks.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project tests/Ordinavo.Webhooks.Benchmarks -- --filter '*'</c>.
/// Every benchmark class compares against a baseline measured in the same run; docs/benchmarks.md records the ratios.
/// </summary>
public static class Program
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchmarkConfig());
}
