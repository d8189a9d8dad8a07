using System.Collections.Generic;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>One page of the tenant's subscriptions, in ascending id order.</summary>
public sealed class AdminSubscriptionPage
{
    /// <summary>The subscriptions on this page.</summary>
    public required IReadOnlyList<AdminSubscription> Items { get; init; }

    /// <summary>Pass as <c>after</c> to read the next page; <see langword="null"/> on the last page.</summary>
    public string? NextAfter { get; init; }
}
