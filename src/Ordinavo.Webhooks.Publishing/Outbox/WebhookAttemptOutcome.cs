using System;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// How a leased delivery is finished, as the delivery worker hands it to
/// <see cref="IWebhookOutboxStore.FinishAttemptsAsync"/>: usually after an attempt (recorded whatever happens to the
/// lease), or without one (a delivery deferred because its endpoint is busy, released when the worker stops, or
/// dead-lettered because its subscription is gone). The new state is applied only while <see cref="LeaseOwner"/> still
/// holds the delivery.
/// </summary>
public sealed record WebhookAttemptOutcome
{
    /// <summary>The delivery to finish (the attempt's <see cref="WebhookDeliveryAttempt.DeliveryId"/> when there is an attempt).</summary>
    public required string DeliveryId { get; init; }

    /// <summary>
    /// The attempt to append to the delivery's history (it also updates the delivery's summary), or
    /// <see langword="null"/> when the state changes without an attempt.
    /// </summary>
    public WebhookDeliveryAttempt? Attempt { get; init; }

    /// <summary>The worker that leased the delivery: the state change is guarded by it.</summary>
    public required string LeaseOwner { get; init; }

    /// <summary>The delivery's new state.</summary>
    public required WebhookAttemptResolution Resolution { get; init; }

    /// <summary>When the delivery is due again (<see cref="WebhookAttemptResolution.Rescheduled"/>), or when it completed.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Why the delivery was dead-lettered (with <see cref="WebhookAttemptResolution.DeadLettered"/>; <see cref="WebhookDeadLetterReason.RetriesExhausted"/> when not set).</summary>
    public WebhookDeadLetterReason? DeadLetterReason { get; init; }
}
