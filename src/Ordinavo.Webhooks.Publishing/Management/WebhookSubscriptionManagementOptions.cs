using System;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>Options of the managed subscriptions (bindable from configuration; validated at start).</summary>
public sealed class WebhookSubscriptionManagementOptions
{
    /// <summary>
    /// How long a node keeps subscriptions it read (default 5 seconds). A change made through the manager drops the
    /// node's entry at once; the PostgreSQL store also tells every other node at once. Between 0 (no cache) and 5 minutes.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long old secrets keep signing after a rotation when the call names no grace period (default 24 hours).</summary>
    public TimeSpan DefaultGracePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The longest grace period a rotation may ask for (default 30 days).</summary>
    public TimeSpan MaxGracePeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The most subscriptions one tenant may have (default 100).</summary>
    public int MaxSubscriptionsPerTenant { get; set; } = 100;
}
