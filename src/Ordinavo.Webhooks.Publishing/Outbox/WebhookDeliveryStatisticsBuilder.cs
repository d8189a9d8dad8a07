using System;
using System.Collections.Generic;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Assembles a <see cref="WebhookDeliveryStatistics"/> from counts a store reads (per subscription, per bucket), so that
/// every store answers <see cref="IWebhookDeliveryMonitor.GetStatisticsAsync"/> in the same shape: subscriptions ordered
/// by id, the requested ones present with zeros, every bucket present. The in-memory, SQLite and PostgreSQL stores use
/// it; a store for another database can too. Not thread-safe.
/// </summary>
public sealed class WebhookDeliveryStatisticsBuilder
{
    private readonly SortedDictionary<string, Counts> _subscriptions = new(StringComparer.Ordinal);
    private readonly HashSet<string>? _requested;
    private readonly int _bucketCount;
    private bool _truncated;

    /// <summary>Starts the statistics of <paramref name="query"/> (checked as by <see cref="WebhookOutboxStoreSupport.ThrowIfInvalidStatisticsQuery"/>).</summary>
    /// <param name="query">The query the store answers.</param>
    public WebhookDeliveryStatisticsBuilder(WebhookDeliveryStatisticsQuery query)
    {
        WebhookOutboxStoreSupport.ThrowIfInvalidStatisticsQuery(query);
        Query = query;
        _bucketCount = query.BucketCount;
        if (query.SubscriptionIds is { } ids)
        {
            _requested = new HashSet<string>(ids, StringComparer.Ordinal);
            foreach (var id in _requested)
            {
                _subscriptions[id] = new Counts(_bucketCount);
            }
        }
    }

    /// <summary>The query.</summary>
    public WebhookDeliveryStatisticsQuery Query { get; }

    /// <summary>The bucket of <paramref name="at"/>, or -1 when it lies outside the window.</summary>
    /// <param name="at">A completion or attempt time.</param>
    public int BucketOf(DateTimeOffset at) =>
        at < Query.From || at >= Query.Before ? -1 : (int)((at - Query.From).Ticks / Query.BucketSize.Ticks);

    /// <summary>Adds pending deliveries of a subscription (and how many of them are due).</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="pending">Pending deliveries.</param>
    /// <param name="due">Of those, the due ones.</param>
    public void AddPending(string subscriptionId, long pending, long due)
    {
        if (For(subscriptionId) is { } counts)
        {
            counts.Pending += pending;
            counts.Due += due;
        }
    }

    /// <summary>Adds deliveries of a subscription that succeeded in bucket <paramref name="bucket"/> (ignored when out of range).</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="bucket">The bucket index (<see cref="BucketOf"/>).</param>
    /// <param name="count">How many.</param>
    public void AddDelivered(string subscriptionId, int bucket, long count) => Add(subscriptionId, bucket, count, 0);

    /// <summary>Adds pending deliveries of a subscription whose last attempt failed in bucket <paramref name="bucket"/> (ignored when out of range).</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="bucket">The bucket index (<see cref="BucketOf"/>).</param>
    /// <param name="count">How many.</param>
    public void AddFailed(string subscriptionId, int bucket, long count) => Add(subscriptionId, bucket, count, 1);

    /// <summary>Adds deliveries of a subscription dead-lettered in bucket <paramref name="bucket"/> (ignored when out of range).</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="bucket">The bucket index (<see cref="BucketOf"/>).</param>
    /// <param name="count">How many.</param>
    public void AddDeadLettered(string subscriptionId, int bucket, long count) => Add(subscriptionId, bucket, count, 2);

    /// <summary>Sets the health of a subscription in the result (ignored for a subscription not in it).</summary>
    /// <param name="health">The stored health.</param>
    public void SetHealth(WebhookSubscriptionHealth health)
    {
        ArgumentNullException.ThrowIfNull(health);
        if (_subscriptions.TryGetValue(health.SubscriptionId, out var counts))
        {
            counts.Health = health;
        }
    }

    /// <summary>Marks the counts as lower bounds (a count read <see cref="WebhookDeliveryStatisticsQuery.MaxCountedDeliveries"/> deliveries).</summary>
    public void MarkTruncated() => _truncated = true;

    /// <summary>The subscriptions in the result so far, ordered by id (to read their health).</summary>
    public IReadOnlyCollection<string> SubscriptionIds => _subscriptions.Keys;

    /// <summary>The statistics.</summary>
    public WebhookDeliveryStatistics Build()
    {
        var result = new List<WebhookSubscriptionDeliveryStatistics>(_subscriptions.Count);
        foreach (var (id, counts) in _subscriptions)
        {
            var buckets = new WebhookDeliveryStatisticsBucket[_bucketCount];
            long delivered = 0, failed = 0, deadLettered = 0;
            for (var i = 0; i < _bucketCount; i++)
            {
                var (d, f, x) = (counts.Buckets[i, 0], counts.Buckets[i, 1], counts.Buckets[i, 2]);
                buckets[i] = new WebhookDeliveryStatisticsBucket(Query.From + (Query.BucketSize * i), d, f, x);
                delivered += d;
                failed += f;
                deadLettered += x;
            }

            result.Add(new WebhookSubscriptionDeliveryStatistics
            {
                SubscriptionId = id,
                Pending = counts.Pending,
                Due = counts.Due,
                Delivered = delivered,
                Failed = failed,
                DeadLettered = deadLettered,
                Buckets = buckets,
                Health = counts.Health,
            });
        }

        return new WebhookDeliveryStatistics(Query.TenantId, Query.From, Query.Before, Query.BucketSize, result, _truncated);
    }

    private void Add(string subscriptionId, int bucket, long count, int kind)
    {
        if ((uint)bucket < (uint)_bucketCount && For(subscriptionId) is { } counts)
        {
            counts.Buckets[bucket, kind] += count;
        }
    }

    private Counts? For(string subscriptionId)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        if (_subscriptions.TryGetValue(subscriptionId, out var counts))
        {
            return counts;
        }

        if (_requested is not null)
        {
            return null;
        }

        counts = new Counts(_bucketCount);
        _subscriptions[subscriptionId] = counts;
        return counts;
    }

    private sealed class Counts(int bucketCount)
    {
        public long Pending { get; set; }

        public long Due { get; set; }

        public long[,] Buckets { get; } = new long[bucketCount, 3];

        public WebhookSubscriptionHealth? Health { get; set; }
    }
}
