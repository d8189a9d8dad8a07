using System;
using System.Collections.Generic;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// What <see cref="IWebhookDeliveryMonitor.GetStatisticsAsync"/> counts: the deliveries of one tenant, per subscription,
/// in the window [<see cref="From"/>, <see cref="Before"/>) split into buckets of <see cref="BucketSize"/>, and the
/// queue depth at <see cref="Now"/>. <see cref="Last24Hours"/> makes the usual query (24 hourly buckets ending now).
/// </summary>
public sealed record WebhookDeliveryStatisticsQuery
{
    /// <summary>The default of <see cref="MaxCountedDeliveries"/>: 10,000.</summary>
    public const int DefaultMaxCountedDeliveries = 10_000;

    /// <summary>The largest <see cref="MaxCountedDeliveries"/> a store accepts: 1,000,000.</summary>
    public const int MaxMaxCountedDeliveries = 1_000_000;

    /// <summary>The most buckets a window may have: 1000.</summary>
    public const int MaxBuckets = 1000;

    /// <summary>The most ids <see cref="SubscriptionIds"/> may hold: 1000.</summary>
    public const int MaxSubscriptionIds = 1000;

    /// <summary>The tenant whose deliveries are counted (required). Another tenant's deliveries are never counted.</summary>
    public required string TenantId { get; init; }

    /// <summary>
    /// The subscriptions to report, each once, in the result whether or not it has deliveries (at most
    /// <see cref="MaxSubscriptionIds"/>); or <see langword="null"/> (the default) for every subscription of the tenant that
    /// has a pending delivery or an outcome in the window.
    /// </summary>
    public IReadOnlyCollection<string>? SubscriptionIds { get; init; }

    /// <summary>The start of the window (inclusive).</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>The end of the window (exclusive). <see cref="Before"/> - <see cref="From"/> must be a whole number of buckets.</summary>
    public required DateTimeOffset Before { get; init; }

    /// <summary>The bucket size (default one hour); at most <see cref="MaxBuckets"/> buckets per window.</summary>
    public TimeSpan BucketSize { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The moment at which a pending delivery is judged due (<see cref="WebhookSubscriptionDeliveryStatistics.Due"/>): normally now.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>
    /// The most deliveries read for each of the two counts (pending deliveries; deliveries with an outcome in the window),
    /// 1 to <see cref="MaxMaxCountedDeliveries"/>, default <see cref="DefaultMaxCountedDeliveries"/>. This bounds the cost
    /// of the query however many deliveries are stored; beyond it the counts are lower bounds and
    /// <see cref="WebhookDeliveryStatistics.IsTruncated"/> is set.
    /// </summary>
    public int MaxCountedDeliveries { get; init; } = DefaultMaxCountedDeliveries;

    /// <summary>The query for the last 24 hours before <paramref name="now"/> in 24 hourly buckets, queue depth at <paramref name="now"/>.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="now">Now (the end of the window).</param>
    /// <param name="subscriptionIds">The subscriptions to report, or <see langword="null"/> for every one with deliveries.</param>
    public static WebhookDeliveryStatisticsQuery Last24Hours(string tenantId, DateTimeOffset now, IReadOnlyCollection<string>? subscriptionIds = null) => new()
    {
        TenantId = tenantId,
        SubscriptionIds = subscriptionIds,
        From = now.AddHours(-24),
        Before = now,
        Now = now,
    };

    /// <summary>How many buckets the window has: (<see cref="Before"/> - <see cref="From"/>) / <see cref="BucketSize"/>.</summary>
    public int BucketCount => BucketSize > TimeSpan.Zero ? (int)Math.Min(int.MaxValue, (Before - From).Ticks / BucketSize.Ticks) : 0;
}
