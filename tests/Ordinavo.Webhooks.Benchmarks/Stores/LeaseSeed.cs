namespace Ordinavo.Webhooks.Benchmarks.Stores;

/// <summary>
/// How the lease benchmarks fill the outbox (with bulk SQL, not through the API): of every 20 deliveries 1 is due
/// (pending, next attempt in the past), 1 is pending with a retry scheduled a day later, 18 succeeded (kept for
/// retention). So 10,000 stored = 500 due; 1,000,000 stored = 50,000 due.
/// </summary>
public static class LeaseSeed
{
    /// <summary>The time the seeded rows are relative to.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 18, 16, 40, 0, TimeSpan.Zero);

    /// <summary>The batch size leased per operation.</summary>
    public const int BatchSize = 100;
}
