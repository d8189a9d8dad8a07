namespace Ordinavo.Webhooks.Benchmarks.Stores;

/// <summary>
/// How the delivery statistics benchmarks fill the outbox (bulk SQL, not through the API): 100 tenants with 10
/// subscriptions each (delivery i goes to tenant i % 100, subscription i % 1000), one delivery every 8.64 seconds, so
/// the newest 10,000 fill the last 24 hours and everything older is history. In the last 24 hours, of every 20
/// deliveries 1 is pending and due, 1 pending after a failed attempt (retry an hour later), 1 dead-lettered and 17
/// succeeded; in the history 1 in 20 is dead-lettered and the rest succeeded. So 10,000 stored = one day, 1,000,000
/// stored = 100 days of history; tenant-1 has 100 deliveries in the window either way, and 100 or 10,000 in all.
/// </summary>
public static class DeliveryStatisticsSeed
{
    /// <summary>The time the seeded rows are relative to (the end of the window).</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 18, 16, 40, 0, TimeSpan.Zero);

    /// <summary>The tenant whose statistics and first page are read.</summary>
    public const string Tenant = "tenant-1";

    /// <summary>The deliveries in the last 24 hours (all tenants).</summary>
    public const int Window = 10_000;

    /// <summary>Milliseconds between two deliveries: 24 hours / <see cref="Window"/>.</summary>
    public const long StepMs = 8_640;
}
