using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace Ordinavo.Webhooks.Benchmarks;

/// <summary>
/// The shared configuration: memory diagnoser (allocated bytes), ratio columns against the [Benchmark(Baseline = true)]
/// of each class, and a job sized for a 2-core machine (a few seconds per benchmark). Pass --job default for a full run.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.Default
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithLaunchCount(1)
            .WithId("Ordinavo"));
        // The default job rebuilds the suite with its project references; on a loaded 2-core machine that can
        // exceed BenchmarkDotNet's 2-minute default.
        WithBuildTimeout(TimeSpan.FromMinutes(10));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(BaselineRatioColumn.RatioMean, BaselineAllocationRatioColumn.RatioMean);
        WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Value));
        WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams);
        AddColumnProvider(DefaultColumnProviders.Instance);
        AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default);
        AddExporter(BenchmarkDotNet.Exporters.MarkdownExporter.GitHub);
    }
}
