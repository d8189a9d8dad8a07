using System.Collections.Generic;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>One page of a tenant's subscriptions, in ascending id order.</summary>
public sealed class WebhookSubscriptionPage
{
    /// <summary>The subscriptions on this page.</summary>
    public required IReadOnlyList<WebhookSubscriptionInfo> Items { get; init; }

    /// <summary>Pass as <see cref="WebhookSubscriptionListQuery.After"/> for the next page; <see langword="null"/> on the last page.</summary>
    public string? ContinuationToken { get; init; }
}
