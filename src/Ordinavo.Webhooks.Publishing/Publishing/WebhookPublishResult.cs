namespace Ordinavo.Webhooks.Publishing;

/// <summary>The outcome of publishing one event.</summary>
/// <param name="EventId">The event id (assigned when the input had none).</param>
/// <param name="DeliveriesEnqueued">How many deliveries were enqueued (one per matching subscription; 0 for a duplicate).</param>
/// <param name="IsDuplicate">Whether the event id had been published before, so nothing was enqueued.</param>
public sealed record WebhookPublishResult(string EventId, int DeliveriesEnqueued, bool IsDuplicate);
