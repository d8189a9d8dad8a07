using System;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// One finished attempt and the delivery's new state, as the delivery worker hands it to
/// <see cref="IWebhookOutboxStore.FinishAttemptsAsync"/>: the attempt is recorded whatever happens to the lease; the new
/// state is applied only while <see cref="LeaseOwner"/> still holds the delivery.
/// </summary>
public sealed record WebhookAttemptOutcome
{
    /// <summary>The attempt to append to the delivery's history (it also updates the delivery's summary).</summary>
    public required WebhookDeliveryAttempt Attempt { get; init; }

    /// <summary>The worker that leased the delivery: the state change is guarded by it.</summary>
    public required string LeaseOwner { get; init; }

    /// <summary>The delivery's new state.</summary>
    public required WebhookAttemptResolution Resolution { get; init; }

    /// <summary>When the delivery is due again (<see cref="WebhookAttemptResolution.Rescheduled"/>), or when it completed.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Why the delivery was dead-lettered (with <see cref="WebhookAttemptResolution.DeadLettered"/>).</summary>
    public WebhookDeadLetterReason? DeadLetterReason { get; init; }
}
