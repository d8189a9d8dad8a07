namespace Ordinavo.Webhooks.Publishing.Tests.Support;

/// <summary>
/// The worker seam of an in-memory outbox store that is also an <see cref="IWebhookOutboxWakeSource"/> whose wake-ups the
/// test fires; <see cref="Inner"/> is its query and operations seam.
/// </summary>
public sealed class WakingOutboxStore : IWebhookOutboxStore, IWebhookOutboxWakeSource
{
    private readonly object _gate = new();
    private readonly List<Action> _subscribers = [];
    private int _leases;

    public InMemoryWebhookOutboxStore Inner { get; } = new();

    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>How many leases the worker has finished (the first one, at start, found whatever was due then).</summary>
    public int Leases => Volatile.Read(ref _leases);

    /// <summary>Wakes every subscriber, as a store does when deliveries were stored elsewhere.</summary>
    public void Wake()
    {
        Action[] subscribers;
        lock (_gate)
        {
            subscribers = [.. _subscribers];
        }

        foreach (var wake in subscribers)
        {
            wake();
        }
    }

    public IDisposable Subscribe(Action wake)
    {
        lock (_gate)
        {
            _subscribers.Add(wake);
        }

        return new Unsubscriber(this, wake);
    }

    public Task<bool> EnqueueAsync(WebhookPreparedEvent preparedEvent, CancellationToken cancellationToken) => Inner.EnqueueAsync(preparedEvent, cancellationToken);

    public async Task<IReadOnlyList<WebhookDeliveryRecord>> LeaseDueAsync(string owner, DateTimeOffset now, int batchSize, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        var leased = await Inner.LeaseDueAsync(owner, now, batchSize, leaseDuration, cancellationToken);
        Interlocked.Increment(ref _leases);
        return leased;
    }

    public Task<IReadOnlyList<bool>> FinishAttemptsAsync(IReadOnlyList<WebhookAttemptOutcome> outcomes, CancellationToken cancellationToken) =>
        Inner.FinishAttemptsAsync(outcomes, cancellationToken);

    public Task<WebhookSubscriptionHealth> RecordSubscriptionOutcomeAsync(string subscriptionId, bool succeeded, DateTimeOffset at, CancellationToken cancellationToken) =>
        Inner.RecordSubscriptionOutcomeAsync(subscriptionId, succeeded, at, cancellationToken);

    private sealed class Unsubscriber(WakingOutboxStore store, Action wake) : IDisposable
    {
        public void Dispose()
        {
            lock (store._gate)
            {
                store._subscribers.Remove(wake);
            }
        }
    }
}
