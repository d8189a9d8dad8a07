namespace Ordinavo.Webhooks.Publishing.Tests.Support;

/// <summary>
/// The worker seam of an in-memory outbox store that counts the engine's lease rounds (<see cref="Leases"/>, counted
/// when a round begins); <see cref="Inner"/> is its query and operations seam.
/// </summary>
public sealed class LeaseCountingOutboxStore : IWebhookOutboxStore
{
    private int _leases;

    public InMemoryWebhookOutboxStore Inner { get; } = new();

    /// <summary>How many times the engine has called <see cref="LeaseDueAsync"/> so far.</summary>
    public int Leases => Volatile.Read(ref _leases);

    public Task<bool> EnqueueAsync(WebhookPreparedEvent preparedEvent, CancellationToken cancellationToken) => Inner.EnqueueAsync(preparedEvent, cancellationToken);

    public Task<IReadOnlyList<WebhookDeliveryRecord>> LeaseDueAsync(string owner, DateTimeOffset now, int batchSize, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _leases);
        return Inner.LeaseDueAsync(owner, now, batchSize, leaseDuration, cancellationToken);
    }

    public Task<IReadOnlyList<bool>> FinishAttemptsAsync(IReadOnlyList<WebhookAttemptOutcome> outcomes, CancellationToken cancellationToken) =>
        Inner.FinishAttemptsAsync(outcomes, cancellationToken);

    public Task<WebhookSubscriptionHealth> RecordSubscriptionOutcomeAsync(string subscriptionId, bool succeeded, DateTimeOffset at, CancellationToken cancellationToken) =>
        Inner.RecordSubscriptionOutcomeAsync(subscriptionId, succeeded, at, cancellationToken);
}
