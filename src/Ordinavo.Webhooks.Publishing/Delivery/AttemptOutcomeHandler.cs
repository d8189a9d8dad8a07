using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Ordinavo.Webhooks.Contracts.Diagnostics;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// What follows an attempt: the delivery's new state (succeeded, rescheduled by the retry schedule and Retry-After,
/// dead-lettered when the schedule is exhausted, on 410 or after the subscription failed too long), handed to the
/// group commit (<see cref="AttemptFinisher"/>); the subscription's health (<see cref="SubscriptionHealthTracker"/>);
/// disabling the subscription; metrics, logs and observers. No scheduling and no sending: the engine does those.
/// </summary>
internal sealed class AttemptOutcomeHandler
{
    private readonly IWebhookSubscriptionStore _subscriptions;
    private readonly WebhookPublisherOptions _options;
    private readonly TimeProvider _time;
    private readonly WebhookPublisherTelemetry _telemetry;
    private readonly IWebhookDeliveryObserver[] _observers;
    private readonly ILogger _logger;
    private readonly ILogger _deliveries;
    private readonly RetryPolicy _retryPolicy;
    private readonly AttemptFinisher _finisher;
    private readonly SubscriptionHealthTracker _health;
    private readonly string _workerId;
    private readonly Func<double> _random;

    public AttemptOutcomeHandler(
        IWebhookOutboxStore store,
        AttemptFinisher finisher,
        IWebhookSubscriptionStore subscriptions,
        WebhookPublisherOptions options,
        TimeProvider time,
        WebhookPublisherTelemetry telemetry,
        IWebhookDeliveryObserver[] observers,
        ILogger logger,
        ILogger deliveries,
        string workerId,
        Func<double> random)
    {
        _subscriptions = subscriptions;
        _options = options;
        _time = time;
        _telemetry = telemetry;
        _observers = observers;
        _logger = logger;
        _deliveries = deliveries;
        _workerId = workerId;
        _random = random;
        _retryPolicy = new RetryPolicy(options);
        _finisher = finisher;
        _health = new SubscriptionHealthTracker(store);
    }

    /// <summary>Records <paramref name="result"/> and moves the delivery on.</summary>
    /// <returns>Whether the endpoint answered (any HTTP status).</returns>
    public async Task<bool> HandleAsync(WebhookDeliveryRecord delivery, WebhookSubscription subscription, SendResult result, CancellationToken cancellationToken)
    {
        var attempt = result.Attempt;
        var attemptNumber = attempt.AttemptNumber;
        var answered = attempt.StatusCode is not null;
        var now = _time.GetUtcNow();

        if (attempt.Succeeded)
        {
            if (!await FinishAsync(attempt, WebhookAttemptResolution.Succeeded, now).ConfigureAwait(false))
            {
                Log.LeaseLost(_logger, delivery.Id);
            }

            _telemetry.Succeeded.Add(1, new KeyValuePair<string, object?>(WebhookTelemetryTags.EventType, delivery.EventType));
            await _health.ObserveAsync(subscription.Id, succeeded: true, now, confirm: false, cancellationToken).ConfigureAwait(false);
            Log.DeliverySucceeded(_deliveries, delivery.Id, delivery.EventId, subscription.Id, attemptNumber, attempt.StatusCode ?? 0, attempt.Duration.TotalMilliseconds);
            if (_observers.Length > 0)
            {
                await NotifyAsync(o => o.OnDeliverySucceededAsync(Notification(delivery, attempt), cancellationToken), "OnDeliverySucceeded").ConfigureAwait(false);
            }

            return answered;
        }

        _telemetry.Failed.Add(
            1,
            new KeyValuePair<string, object?>(WebhookTelemetryTags.EventType, delivery.EventType),
            new KeyValuePair<string, object?>(WebhookTelemetryTags.ErrorType, WebhookPublisherTelemetry.ErrorType(attempt.ErrorKind, attempt.StatusCode)));
        if (attempt.ErrorKind is WebhookDeliveryErrorKind.InvalidEndpoint)
        {
            // The scheme is refused by the options whatever the time: retrying for days would only hide the mistake.
            Log.DestinationRefused(_logger, attemptNumber, delivery.Id, subscription.Id, attempt.ErrorKind, Authority(subscription.EndpointUrl),
                "the endpoint must be an absolute https:// URL; plain http:// needs WebhookPublisherOptions.AllowInsecureHttp (development only). The delivery is dead-lettered; fix the endpoint, then redeliver");
            await DeadLetterAsync(delivery, WebhookDeadLetterReason.EndpointRefused, attempt, cancellationToken).ConfigureAwait(false);
            return answered;
        }

        if (attempt.ErrorKind is WebhookDeliveryErrorKind.DestinationRefused)
        {
            Log.DestinationRefused(_logger, attemptNumber, delivery.Id, subscription.Id, attempt.ErrorKind, Authority(subscription.EndpointUrl),
                "the host resolves to a loopback, private or otherwise restricted address; if that destination is intended, list it in WebhookPublisherOptions.AllowedDestinations");
        }

        if (result.IsGone)
        {
            await DeadLetterAsync(delivery, WebhookDeadLetterReason.EndpointGone, attempt, cancellationToken).ConfigureAwait(false);
            await DisableAsync(subscription, WebhookSubscriptionDisabledReason.EndpointGone, now, cancellationToken).ConfigureAwait(false);
            return answered;
        }

        var failingSince = await _health.ObserveAsync(subscription.Id, succeeded: false, now, confirm: false, cancellationToken).ConfigureAwait(false);
        if (_options.AutoDisableAfter is { } limit && failingSince is { } since && now - since >= limit &&
            await _health.ObserveAsync(subscription.Id, succeeded: false, now, confirm: true, cancellationToken).ConfigureAwait(false) is { } confirmed &&
            now - confirmed >= limit)
        {
            await DeadLetterAsync(delivery, WebhookDeadLetterReason.SubscriptionDisabled, attempt, cancellationToken).ConfigureAwait(false);
            await DisableAsync(subscription, WebhookSubscriptionDisabledReason.FailingTooLong, now, cancellationToken).ConfigureAwait(false);
            return answered;
        }

        var delay = _retryPolicy.NextDelay(attemptNumber, result.TimedOutOrThrottled, result.RetryAfter, _random());
        if (delay is null)
        {
            await DeadLetterAsync(delivery, WebhookDeadLetterReason.RetriesExhausted, attempt, cancellationToken).ConfigureAwait(false);
            return answered;
        }

        var next = now + delay.Value;
        if (!await FinishAsync(attempt, WebhookAttemptResolution.Rescheduled, next).ConfigureAwait(false))
        {
            Log.LeaseLost(_logger, delivery.Id);
            return answered;
        }

        Log.AttemptFailed(_logger, attemptNumber, delivery.Id, subscription.Id, Authority(subscription.EndpointUrl), attempt.ErrorKind, attempt.StatusCode, next);
        await NotifyAsync(o => o.OnDeliveryFailingAsync(Notification(delivery, attempt) with { NextAttemptAt = next }, cancellationToken), "OnDeliveryFailing").ConfigureAwait(false);

        return answered;
    }

    /// <summary>Hands a finished attempt and the delivery's new state to the group commit.</summary>
    private Task<bool> FinishAsync(WebhookDeliveryAttempt attempt, WebhookAttemptResolution resolution, DateTimeOffset at, WebhookDeadLetterReason? reason = null) =>
        _finisher.FinishAsync(new WebhookAttemptOutcome { DeliveryId = attempt.DeliveryId, Attempt = attempt, LeaseOwner = _workerId, Resolution = resolution, At = at, DeadLetterReason = reason });

    /// <summary>Dead-letters a delivery through the group commit, with the attempt that ended it or without one (the subscription is gone or disabled).</summary>
    public async Task DeadLetterAsync(WebhookDeliveryRecord delivery, WebhookDeadLetterReason reason, WebhookDeliveryAttempt? attempt, CancellationToken cancellationToken)
    {
        var at = _time.GetUtcNow();
        var applied = await _finisher.FinishAsync(new WebhookAttemptOutcome
        {
            DeliveryId = delivery.Id,
            Attempt = attempt,
            LeaseOwner = _workerId,
            Resolution = WebhookAttemptResolution.DeadLettered,
            At = at,
            DeadLetterReason = reason,
        }).ConfigureAwait(false);
        if (!applied)
        {
            Log.LeaseLost(_logger, delivery.Id);
            return;
        }

        _telemetry.DeadLettered.Add(
            1,
            new KeyValuePair<string, object?>(WebhookTelemetryTags.EventType, delivery.EventType),
            new KeyValuePair<string, object?>(WebhookTelemetryTags.DeadLetterReason, WebhookPublisherTelemetry.DeadLetterReason(reason)));
        Log.DeadLettered(_logger, delivery.Id, delivery.EventId, delivery.SubscriptionId, reason);
        var notification = (attempt is null ? Notification(delivery) : Notification(delivery, attempt)) with { DeadLetterReason = reason };
        await NotifyAsync(o => o.OnDeliveryDeadLetteredAsync(notification, cancellationToken), "OnDeliveryDeadLettered").ConfigureAwait(false);
    }

    private async Task DisableAsync(WebhookSubscription subscription, WebhookSubscriptionDisabledReason reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!await _subscriptions.DisableAsync(subscription.Id, reason, at, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        Log.SubscriptionDisabled(_logger, subscription.Id, reason);
        var notification = new WebhookSubscriptionDisabledNotification(subscription.Id, subscription.TenantId, reason, at);
        await NotifyAsync(o => o.OnSubscriptionDisabledAsync(notification, cancellationToken), "OnSubscriptionDisabled").ConfigureAwait(false);
    }

    private async Task NotifyAsync(Func<IWebhookDeliveryObserver, Task> callback, string name)
    {
        foreach (var observer in _observers)
        {
            try
            {
                await callback(observer).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.ObserverFailed(_logger, name, ex);
            }
        }
    }

    private static WebhookDeliveryNotification Notification(WebhookDeliveryRecord delivery) => new()
    {
        DeliveryId = delivery.Id,
        EventId = delivery.EventId,
        EventType = delivery.EventType,
        SubscriptionId = delivery.SubscriptionId,
        TenantId = delivery.TenantId,
    };

    private static WebhookDeliveryNotification Notification(WebhookDeliveryRecord delivery, WebhookDeliveryAttempt attempt) =>
        Notification(delivery) with
        {
            AttemptNumber = attempt.AttemptNumber,
            AttemptId = attempt.AttemptId,
            StatusCode = attempt.StatusCode,
            ErrorKind = attempt.ErrorKind,
        };

    private static string Authority(Uri endpoint) =>
        endpoint.IsAbsoluteUri ? endpoint.GetLeftPart(UriPartial.Authority) : "(relative)";
}
