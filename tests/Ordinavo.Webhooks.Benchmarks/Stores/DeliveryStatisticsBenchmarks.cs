using BenchmarkDotNet.Attributes;
using Ordinavo.Webhooks.Publishing;

namespace Ordinavo.Webhooks.Benchmarks.Stores;

/// <summary>
/// What a delivery dashboard reads for one tenant, with 10,000 (baseline) and 1,000,000 deliveries stored (seeded as
/// <see cref="DeliveryStatisticsSeed"/> describes): the statistics of the last 24 hours in hourly buckets
/// (<see cref="IWebhookDeliveryMonitor.GetStatisticsAsync"/>) and the first page of 100 of the tenant's deliveries
/// (<see cref="IWebhookDeliveryMonitor.QueryDeliveriesAsync"/>). Read-only: every operation does the same work. Each
/// category has its own baseline. A store supplies the seeded outbox and its clean-up.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public abstract class DeliveryStatisticsBenchmarks
{
    private IWebhookDeliveryMonitor _monitor = null!;

    [GlobalSetup(Targets = [nameof(Statistics10k), nameof(FirstPage10k)])]
    public void Setup10k() => _monitor = CreateSeededStoreAsync(10_000).GetAwaiter().GetResult();

    [GlobalSetup(Targets = [nameof(Statistics1M), nameof(FirstPage1M)])]
    public void Setup1M() => _monitor = CreateSeededStoreAsync(1_000_000).GetAwaiter().GetResult();

    [Benchmark(Baseline = true), BenchmarkCategory("Statistics")]
    public Task<WebhookDeliveryStatistics> Statistics10k() => StatisticsAsync();

    [Benchmark, BenchmarkCategory("Statistics")]
    public Task<WebhookDeliveryStatistics> Statistics1M() => StatisticsAsync();

    [Benchmark(Baseline = true), BenchmarkCategory("FirstPage")]
    public Task<WebhookDeliveryPage> FirstPage10k() => FirstPageAsync();

    [Benchmark, BenchmarkCategory("FirstPage")]
    public Task<WebhookDeliveryPage> FirstPage1M() => FirstPageAsync();

    [GlobalCleanup]
    public void Cleanup() => DisposeStoreAsync().GetAwaiter().GetResult();

    /// <summary>Creates the store with its schema and fills it with <paramref name="count"/> deliveries (bulk SQL).</summary>
    protected abstract Task<IWebhookDeliveryMonitor> CreateSeededStoreAsync(int count);

    /// <summary>Disposes the store and removes what <see cref="CreateSeededStoreAsync"/> made.</summary>
    protected abstract Task DisposeStoreAsync();

    private async Task<WebhookDeliveryStatistics> StatisticsAsync()
    {
        var statistics = await _monitor.GetStatisticsAsync(
            WebhookDeliveryStatisticsQuery.Last24Hours(DeliveryStatisticsSeed.Tenant, DeliveryStatisticsSeed.Now), CancellationToken.None);
        return statistics.Subscriptions.Count == 10 && !statistics.IsTruncated
            ? statistics
            : throw new InvalidOperationException($"{statistics.Subscriptions.Count} subscriptions (truncated: {statistics.IsTruncated}), expected 10.");
    }

    private async Task<WebhookDeliveryPage> FirstPageAsync()
    {
        var page = await _monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { TenantId = DeliveryStatisticsSeed.Tenant, Limit = 100 }, CancellationToken.None);
        return page.Items.Count == 100 ? page : throw new InvalidOperationException($"{page.Items.Count} deliveries, expected 100.");
    }
}
