namespace Ordinavo.Webhooks.Publishing;

/// <summary>What becomes of a delivery after an attempt (see <see cref="WebhookAttemptOutcome"/>).</summary>
public enum WebhookAttemptResolution
{
    /// <summary>Still pending: due again at <see cref="WebhookAttemptOutcome.At"/>, lease released.</summary>
    Rescheduled = 0,

    /// <summary><see cref="WebhookDeliveryState.Succeeded"/> at <see cref="WebhookAttemptOutcome.At"/>.</summary>
    Succeeded = 1,

    /// <summary><see cref="WebhookDeliveryState.DeadLettered"/> at <see cref="WebhookAttemptOutcome.At"/> with <see cref="WebhookAttemptOutcome.DeadLetterReason"/>.</summary>
    DeadLettered = 2,
}
