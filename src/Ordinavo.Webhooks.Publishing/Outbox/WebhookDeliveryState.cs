namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// The stored state of a delivery (one event to one subscription). Whether a pending delivery is currently leased by a
/// worker is not a state of its own: it is <see cref="WebhookDeliveryRecord.LeaseOwner"/> with a
/// <see cref="WebhookDeliveryRecord.LeaseExpiresAt"/> in the future.
/// </summary>
public enum WebhookDeliveryState
{
    /// <summary>Waiting for its next attempt at <see cref="WebhookDeliveryRecord.NextAttemptAt"/> (or being attempted under a lease).</summary>
    Pending = 0,

    /// <summary>An attempt was answered with a 2xx status; nothing more to do.</summary>
    Succeeded = 1,

    /// <summary>Given up (retries exhausted, endpoint gone, subscription disabled); kept until redelivered or purged explicitly.</summary>
    DeadLettered = 2,
}
