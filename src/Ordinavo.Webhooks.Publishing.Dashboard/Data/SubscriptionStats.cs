using System;
using System.Collections.Generic;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>What the overview shows of one subscription's deliveries: queue depth, the last 24 hours in total and per hour, its health.</summary>
internal sealed record SubscriptionStats(
    long Pending,
    long Due,
    long Delivered,
    long Failed,
    long DeadLettered,
    IReadOnlyList<SubscriptionStats.Hour> Hours,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? FailingSince,
    bool Truncated)
{
    public static readonly SubscriptionStats None = new(0, 0, 0, 0, 0, [], null, null, false);

    /// <summary>One bucket of the chart.</summary>
    public readonly record struct Hour(DateTimeOffset Start, long Delivered, long Failed, long DeadLettered)
    {
        public long Total => Delivered + Failed + DeadLettered;
    }
}
