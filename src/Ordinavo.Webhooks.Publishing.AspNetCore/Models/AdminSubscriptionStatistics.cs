using System;
using System.Collections.Generic;
using System.Linq;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>One subscription's deliveries in <see cref="AdminDeliveryStatistics"/>; each delivery counts at most once in the window, by its current state.</summary>
public sealed class AdminSubscriptionStatistics
{
    /// <summary>The subscription id.</summary>
    public required string SubscriptionId { get; init; }

    /// <summary>Pending deliveries (due, scheduled later or being attempted).</summary>
    public required long Pending { get; init; }

    /// <summary>Pending deliveries due now that no worker holds.</summary>
    public required long Due { get; init; }

    /// <summary>Deliveries that succeeded in the window.</summary>
    public required long Delivered { get; init; }

    /// <summary>Pending deliveries whose last attempt, in the window, failed: they wait for a retry.</summary>
    public required long Failed { get; init; }

    /// <summary>Deliveries dead-lettered in the window.</summary>
    public required long DeadLettered { get; init; }

    /// <summary>When an attempt last succeeded, or <see langword="null"/>.</summary>
    public DateTimeOffset? LastSuccessAt { get; init; }

    /// <summary>The first failed attempt since the last success, or <see langword="null"/>.</summary>
    public DateTimeOffset? FailingSince { get; init; }

    /// <summary>The window's counts hour by hour, oldest first.</summary>
    public required IReadOnlyList<AdminStatisticsBucket> Buckets { get; init; }

    internal static AdminSubscriptionStatistics From(WebhookSubscriptionDeliveryStatistics s) => new()
    {
        SubscriptionId = s.SubscriptionId,
        Pending = s.Pending,
        Due = s.Due,
        Delivered = s.Delivered,
        Failed = s.Failed,
        DeadLettered = s.DeadLettered,
        LastSuccessAt = s.Health?.LastSuccessAt,
        FailingSince = s.Health?.FailingSince,
        Buckets = [.. s.Buckets.Select(b => new AdminStatisticsBucket { Start = b.Start, Delivered = b.Delivered, Failed = b.Failed, DeadLettered = b.DeadLettered })],
    };
}
