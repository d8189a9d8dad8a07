using System;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>Bounds of the <see cref="InMemoryWebhookInbox"/>.</summary>
public sealed class InMemoryWebhookInboxOptions
{
    /// <summary>
    /// How many event ids are kept at most (handled and leased together). When full, the oldest handled ids are
    /// forgotten first. Default 100,000 (a few MiB).
    /// </summary>
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>
    /// How long a handled event id is remembered. Default 7 days: longer than the publisher's default retry schedule
    /// (about 3.1 days), so every automatic retry of a handled event is recognised as a duplicate.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
