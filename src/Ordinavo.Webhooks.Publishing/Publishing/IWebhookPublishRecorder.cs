namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Counts events that were enqueued outside <see cref="IWebhookPublisher.EnqueueAsync"/>, with a durable store's
/// transactional overload inside the host's own database transaction, exactly as that method counts its own: the
/// <c>ordinavo.webhook.published</c> and <c>ordinavo.webhook.delivery.enqueued</c> metrics and the publish log line;
/// and wakes this node's delivery worker once the transaction has committed. Registered by
/// <c>AddOrdinavoWebhookPublisher</c> (a singleton); the EF Core integration calls it for you.
/// </summary>
public interface IWebhookPublishRecorder
{
    /// <summary>
    /// Records one transactional enqueue and returns its result as <see cref="IWebhookPublisher.EnqueueAsync"/> would.
    /// A duplicate (<paramref name="stored"/> <see langword="false"/>) is logged but not counted.
    /// </summary>
    /// <param name="preparedEvent">The event that was enqueued.</param>
    /// <param name="stored">What the store's transactional <c>EnqueueAsync</c> returned (<see langword="false"/>: the event id was already enqueued).</param>
    /// <param name="wakeWorker">
    /// Whether to wake the delivery worker now. Pass <see langword="true"/> only after the transaction committed (before
    /// that, the worker cannot see the deliveries); without a wake-up the worker finds them on its next poll
    /// (<see cref="WebhookPublisherOptions.PollInterval"/>).
    /// </param>
    WebhookPublishResult Record(WebhookPreparedEvent preparedEvent, bool stored, bool wakeWorker);
}
