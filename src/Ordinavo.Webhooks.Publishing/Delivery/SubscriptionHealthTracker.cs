using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Writes a subscription's health to the store only when it changes (the first failure after a success, the first
/// success after failures), not on every attempt: concurrent deliveries to one endpoint would otherwise queue on the
/// same row. Successes refresh <see cref="WebhookSubscriptionHealth.LastSuccessAt"/> at most once per
/// <see cref="SuccessRefresh"/>, which also clears a failure another node recorded meanwhile; a failure that would
/// disable the subscription is confirmed against the store first.
/// </summary>
internal sealed class SubscriptionHealthTracker(IWebhookOutboxStore store)
{
    /// <summary>
    /// How often a healthy subscription's last success is written again: often enough for operators and for other nodes
    /// (whose failures it clears), rare enough that a busy endpoint costs one health write a minute, not one per event.
    /// </summary>
    internal static readonly TimeSpan SuccessRefresh = TimeSpan.FromMinutes(1);

    /// <summary>How many subscriptions the tracker remembers; beyond it, it forgets them all (their next outcome is written).</summary>
    private const int MaxTracked = 100_000;

    private readonly ConcurrentDictionary<string, Known> _known = new(StringComparer.Ordinal);

    /// <summary>Records an attempt's outcome when it changes the subscription's health.</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="succeeded">Whether the attempt succeeded.</param>
    /// <param name="now">The attempt's end.</param>
    /// <param name="confirm">Write even when nothing changed, and return what the store holds (before an auto-disable).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Since when the subscription has been failing, or <see langword="null"/> when it is healthy.</returns>
    public async ValueTask<DateTimeOffset?> ObserveAsync(string subscriptionId, bool succeeded, DateTimeOffset now, bool confirm, CancellationToken cancellationToken)
    {
        if (!confirm && _known.TryGetValue(subscriptionId, out var known))
        {
            if (succeeded && known.FailingSince is null && now - known.WrittenAt < SuccessRefresh)
            {
                return null;
            }

            if (!succeeded && known.FailingSince is { } since)
            {
                return since;
            }
        }

        var health = await store.RecordSubscriptionOutcomeAsync(subscriptionId, succeeded, now, cancellationToken).ConfigureAwait(false);
        if (_known.Count >= MaxTracked)
        {
            _known.Clear();
        }

        _known[subscriptionId] = new Known(health.FailingSince, now);
        return health.FailingSince;
    }

    private readonly record struct Known(DateTimeOffset? FailingSince, DateTimeOffset WrittenAt);
}
