namespace Ordinavo.Webhooks.Publishing.Sqlite.Tests.Infrastructure;

/// <summary>
/// The worker seam of a real store whose <see cref="FinishAttemptsAsync"/> never returns and writes nothing: the node has
/// sent its attempts and is stuck before finishing them, the moment the batched-finish crash test kills it. Prints
/// <c>finishing &lt;count&gt;</c> on the first call.
/// </summary>
public sealed class FinishNeverReturnsStore(IWebhookOutboxStore inner) : IWebhookOutboxStore
{
    private readonly TaskCompletionSource<IReadOnlyList<bool>> _never = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public Task<bool> EnqueueAsync(WebhookPreparedEvent preparedEvent, CancellationToken cancellationToken) => inner.EnqueueAsync(preparedEvent, cancellationToken);

    public Task<IReadOnlyList<WebhookDeliveryRecord>> LeaseDueAsync(string owner, DateTimeOffset now, int batchSize, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        inner.LeaseDueAsync(owner, now, batchSize, leaseDuration, cancellationToken);

    public Task<IReadOnlyList<bool>> FinishAttemptsAsync(IReadOnlyList<WebhookAttemptOutcome> outcomes, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) == 1)
        {
            Console.WriteLine($"finishing {outcomes.Count}");
        }

        return _never.Task;
    }

    public Task<WebhookSubscriptionHealth> RecordSubscriptionOutcomeAsync(string subscriptionId, bool succeeded, DateTimeOffset at, CancellationToken cancellationToken) =>
        inner.RecordSubscriptionOutcomeAsync(subscriptionId, succeeded, at, cancellationToken);
}
