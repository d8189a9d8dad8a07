using System;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>The counts of one bucket (an hour) of <see cref="AdminSubscriptionStatistics"/>.</summary>
public sealed class AdminStatisticsBucket
{
    /// <summary>The start of the bucket (inclusive).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Deliveries that succeeded in the bucket.</summary>
    public required long Delivered { get; init; }

    /// <summary>Pending deliveries whose last attempt failed in the bucket.</summary>
    public required long Failed { get; init; }

    /// <summary>Deliveries dead-lettered in the bucket.</summary>
    public required long DeadLettered { get; init; }
}
