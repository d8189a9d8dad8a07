using System;
using System.Collections.Generic;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>The tenant's deliveries counted per subscription over a window of whole hours ending now, hour by hour.</summary>
public sealed class AdminDeliveryStatistics
{
    /// <summary>The start of the window (inclusive).</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>The end of the window, the time of the request (exclusive).</summary>
    public required DateTimeOffset Before { get; init; }

    /// <summary>The length of each bucket in seconds (3600).</summary>
    public required long BucketSeconds { get; init; }

    /// <summary>Whether counting stopped at the limit (10,000 pending deliveries, 10,000 outcomes in the window): the numbers are then lower bounds.</summary>
    public required bool Truncated { get; init; }

    /// <summary>Per subscription with a pending delivery or an outcome in the window (or the one asked for), ordered by id.</summary>
    public required IReadOnlyList<AdminSubscriptionStatistics> Subscriptions { get; init; }
}
