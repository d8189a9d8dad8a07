using BenchmarkDotNet.Attributes;
using Ordinavo.Webhooks.Publishing;

namespace Ordinavo.Webhooks.Benchmarks.Stores;

/// <summary>
/// The lease benchmark shared by the durable stores: the time to lease a batch of <see cref="LeaseSeed.BatchSize"/> due
/// deliveries from an outbox holding 10,000 (baseline) and 1,000,000 deliveries seeded as <see cref="LeaseSeed"/>
/// describes. Each operation leases the oldest due deliveries with a lease that expires before the next operation, so
/// every operation does the same work. A store supplies the seeded outbox and its clean-up.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public abstract class OutboxLeaseBenchmarks
{
    private IWebhookOutboxStore _store = null!;
    private DateTimeOffset _now;

    [GlobalSetup(Target = nameof(Stored10k))]
    public void Setup10k() => Setup(10_000);

    [GlobalSetup(Target = nameof(Stored1M))]
    public void Setup1M() => Setup(1_000_000);

    [Benchmark(Baseline = true)]
    public Task<IReadOnlyList<WebhookDeliveryRecord>> Stored10k() => LeaseAsync();

    [Benchmark]
    public Task<IReadOnlyList<WebhookDeliveryRecord>> Stored1M() => LeaseAsync();

    [GlobalCleanup]
    public void Cleanup() => DisposeStoreAsync().GetAwaiter().GetResult();

    /// <summary>Creates the store with its schema and fills it with <paramref name="count"/> deliveries (bulk SQL).</summary>
    protected abstract Task<IWebhookOutboxStore> CreateSeededStoreAsync(int count);

    /// <summary>Disposes the store and removes what <see cref="CreateSeededStoreAsync"/> made.</summary>
    protected abstract Task DisposeStoreAsync();

    private void Setup(int count)
    {
        _store = CreateSeededStoreAsync(count).GetAwaiter().GetResult();
        _now = LeaseSeed.Now;
    }

    private async Task<IReadOnlyList<WebhookDeliveryRecord>> LeaseAsync()
    {
        _now = _now.AddMilliseconds(1);
        var leased = await _store.LeaseDueAsync("bench", _now, LeaseSeed.BatchSize, TimeSpan.FromMicroseconds(1), CancellationToken.None);
        return leased.Count == LeaseSeed.BatchSize ? leased : throw new InvalidOperationException($"Leased {leased.Count}, expected {LeaseSeed.BatchSize}.");
    }
}
