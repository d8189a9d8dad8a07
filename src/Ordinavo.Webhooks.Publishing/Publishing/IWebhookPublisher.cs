using System.Threading;
using System.Threading.Tasks;
using Ordinavo.Webhooks.Payloads;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Publishes business events: one call fans an event out to every matching, enabled subscription of its tenant,
/// builds each subscription's body (the state when the event occurred) and stores the deliveries in the outbox.
/// </summary>
public interface IWebhookPublisher
{
    /// <summary>
    /// Prepares and enqueues an event. Idempotent by event id: give the input your own <c>EventId</c> (for example from
    /// your domain event) and publishing it again enqueues nothing; without one, a new id is assigned.
    /// </summary>
    /// <exception cref="WebhookPayloadBuildException">The input lacks what the event type needs, or a record belongs to another tenant.</exception>
    /// <exception cref="WebhookPublishingException">The event id is malformed (<see cref="WebhookPublishingErrorReason.InvalidEvent"/>).</exception>
    Task<WebhookPublishResult> PublishAsync(WebhookEventInput input, CancellationToken cancellationToken);

    /// <summary>
    /// Matches subscriptions and builds every body without storing anything: the first half of
    /// <see cref="PublishAsync"/>, for a transactional outbox (enqueue the result inside your own database transaction
    /// with a durable store's overload and count it with <see cref="IWebhookPublishRecorder"/>, or with
    /// <see cref="EnqueueAsync"/>).
    /// </summary>
    /// <inheritdoc cref="PublishAsync" path="/exception"/>
    Task<WebhookPreparedEvent> PrepareAsync(WebhookEventInput input, CancellationToken cancellationToken);

    /// <summary>Enqueues a prepared event in the configured outbox store and wakes the delivery worker: the second half of <see cref="PublishAsync"/>.</summary>
    Task<WebhookPublishResult> EnqueueAsync(WebhookPreparedEvent preparedEvent, CancellationToken cancellationToken);
}
