namespace Ordinavo.Webhooks.Publishing;

/// <summary>The size of the outbox's queue at one moment.</summary>
/// <param name="Pending">Deliveries in <see cref="WebhookDeliveryState.Pending"/> (due, scheduled later or leased).</param>
/// <param name="Due">Pending deliveries whose next attempt is due now and that no live lease holds.</param>
public readonly record struct WebhookQueueDepth(long Pending, long Due);
