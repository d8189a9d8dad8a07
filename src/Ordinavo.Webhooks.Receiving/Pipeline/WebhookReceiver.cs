using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Contracts.Diagnostics;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>
/// The receiving pipeline, independent of any web framework: raw headers, raw body bytes and content type in, the
/// answer out. In order: body size (413) and content type (415); signature and timestamp over the raw bytes (401;
/// missing or malformed headers 400); parse (400); body eventId equal to the header (400); handlers for the type
/// (none: 200); deduplication in the inbox (handled before: 200, in progress elsewhere: 409); the handlers in a DI
/// scope (failure: 500 and the event released so the publisher's retry handles it again).
/// </summary>
/// <remarks>
/// Resolve it from DI (<c>AddOrdinavoWebhookReceiver</c>): the default receiver as <see cref="WebhookReceiver"/>,
/// named ones through <see cref="IWebhookReceiverFactory"/>. Thread-safe; one instance serves every request.
/// </remarks>
public sealed class WebhookReceiver
{
    private const int MaxCachedEventTypes = 256;
    private const string TestEventType = "webhook.test";

    private readonly IServiceScopeFactory _scopeFactory;
    private readonly ILogger _logger;
    private readonly ReceiverTelemetry _telemetry;
    private readonly TimeProvider _timeProvider;
    private readonly string _label;
    private readonly IWebhookReceiveObserver[] _observers;
    private readonly ConcurrentDictionary<string, long> _unhandledLoggedAt = new(StringComparer.Ordinal);
    private volatile Settings _settings;

    internal WebhookReceiver(
        string name,
        WebhookReceiverOptions options,
        IServiceScopeFactory scopeFactory,
        ILogger logger,
        ReceiverTelemetry telemetry,
        TimeProvider timeProvider,
        IWebhookReceiveObserver[] observers)
    {
        _observers = observers;
        Name = name;
        _label = name.Length == 0 ? "webhook receiver" : $"webhook receiver '{name}'";
        _scopeFactory = scopeFactory;
        _logger = logger;
        _telemetry = telemetry;
        _timeProvider = timeProvider;
        _settings = new Settings(options, timeProvider);
    }

    /// <summary>The receiver's name (empty for the default receiver).</summary>
    public string Name { get; }

    /// <summary>The largest body accepted, in bytes (the current options: they follow a reload).</summary>
    public long MaxBodyBytes => _settings.MaxBodyBytes;

    /// <summary>
    /// Rejects a request before its body is read, when its declared length is over the limit (413) or its content type
    /// is not JSON (415). Hosts that stream the body call this first so that an oversized body is never read.
    /// </summary>
    /// <param name="declaredLength">The request's Content-Length, when it has one.</param>
    /// <param name="contentType">The request's Content-Type.</param>
    /// <param name="rejection">The answer to send when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when the request is rejected (and counted) already.</returns>
    public bool TryRejectBeforeBody(long? declaredLength, string? contentType, [NotNullWhen(true)] out WebhookReceiveResult? rejection)
    {
        var outcome = Precheck(_settings, declaredLength, contentType);
        if (outcome is null)
        {
            rejection = null;
            return false;
        }

        _telemetry.Received(Name);
        rejection = Reject(outcome.Value, eventId: null);
        return true;
    }

    /// <summary>Rejects a request whose body turned out larger than <see cref="MaxBodyBytes"/> while it was being read (413).</summary>
    /// <returns>The 413 answer (counted and logged).</returns>
    public WebhookReceiveResult RejectBodyTooLarge()
    {
        _telemetry.Received(Name);
        return Reject(WebhookReceiveOutcome.BodyTooLarge, eventId: null);
    }

    /// <summary>Receives one request. Never throws for bad input: every rejection is a result.</summary>
    /// <typeparam name="THeaders">A header reader (a struct over your framework's headers avoids copying and boxing).</typeparam>
    /// <param name="headers">The request headers.</param>
    /// <param name="body">The exact body bytes as received.</param>
    /// <param name="contentType">The request's Content-Type.</param>
    /// <param name="cancellationToken">The request's abort signal, passed to the handlers.</param>
    /// <returns>The answer: status code, outcome and, once parsed, the event.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was signalled while handlers ran (the event was released).</exception>
    public ValueTask<WebhookReceiveResult> ReceiveAsync<THeaders>(
        THeaders headers,
        ReadOnlyMemory<byte> body,
        string? contentType,
        CancellationToken cancellationToken)
        where THeaders : IWebhookHeaderReader
    {
        _telemetry.Received(Name);
        var settings = _settings; // one request, one version of the options
        if (Precheck(settings, body.Length, contentType) is { } early)
        {
            return new(Reject(early, eventId: null));
        }

        Activity? activity = null;
        if (ReceiverTelemetry.ActivitySource.HasListeners())
        {
            activity = StartActivity(headers);
        }

        try
        {
            var verification = settings.Verifier.Verify(headers, body.Span);
            if (!verification.IsValid)
            {
                if (verification.Status == WebhookVerificationStatus.TimestampOutsideTolerance && verification.Timestamp is { } signedAt)
                {
                    // The clock difference helps find an unsynchronized clock; the timestamp's value is no secret.
                    var difference = signedAt - _timeProvider.GetUtcNow();
                    Log.StaleTimestamp(_logger, _label, (long)Math.Abs(difference.TotalSeconds), difference < TimeSpan.Zero ? "behind" : "ahead of",
                        (long)settings.Tolerance.TotalSeconds);
                }

                return new(Finish(activity, Reject(MapVerification(verification.Status), eventId: null)));
            }

            var eventId = verification.EventId!;
            activity?.SetTag(WebhookTelemetryTags.EventId, eventId);

            int? attempt = null;
            var eventTypeHeader = NullIfEmpty(headers.GetValue(WebhookHeaderNames.EventType));
            if (eventTypeHeader is not null && !WebhookEventType.IsWellFormed(eventTypeHeader.AsSpan()))
            {
                return new(Finish(activity, Reject(WebhookReceiveOutcome.MalformedHeader, eventId)));
            }

            var deliveryId = NullIfEmpty(headers.GetValue(WebhookHeaderNames.DeliveryId));
            if (deliveryId is not null && !WebhookIdentifiers.IsValidDeliveryId(deliveryId))
            {
                return new(Finish(activity, Reject(WebhookReceiveOutcome.MalformedHeader, eventId)));
            }

            if (NullIfEmpty(headers.GetValue(WebhookHeaderNames.DeliveryAttempt)) is { } attemptText)
            {
                if (!int.TryParse(attemptText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedAttempt) || parsedAttempt < 1)
                {
                    return new(Finish(activity, Reject(WebhookReceiveOutcome.MalformedHeader, eventId)));
                }

                attempt = parsedAttempt;
            }

            if (activity is not null)
            {
                activity.SetTag(WebhookTelemetryTags.DeliveryId, deliveryId);
                activity.SetTag(WebhookTelemetryTags.DeliveryAttempt, attempt);
            }

            if (!WebhookEnvelope.TryRead(body.Span, out var envelope, out _, eventId))
            {
                return new(Finish(activity, Reject(WebhookReceiveOutcome.InvalidPayload, eventId)));
            }

            if (!string.Equals(envelope.EventId, eventId, StringComparison.Ordinal))
            {
                return new(Finish(activity, Reject(WebhookReceiveOutcome.EventIdMismatch, eventId)));
            }

            var eventType = envelope.EventType;
            if (eventTypeHeader is not null && !string.Equals(eventType.Value, eventTypeHeader, StringComparison.Ordinal))
            {
                return new(Finish(activity, Reject(WebhookReceiveOutcome.EventTypeMismatch, eventId)));
            }

            activity?.SetTag(WebhookTelemetryTags.EventType, eventType.Value);
            var handlers = settings.GetHandlers(eventType);
            if (handlers.Length == 0)
            {
                _telemetry.Unhandled(Name, eventType.Value);
                if (eventType.Value == TestEventType)
                {
                    Log.TestEvent(_logger, eventId, _label);
                }
                else if (ShouldLogUnhandled(eventType.Value))
                {
                    Log.Unhandled(_logger, eventId, eventType.Value, _label);
                }

                var unhandled = Finish(activity, WebhookReceiveResult.Of(WebhookReceiveOutcome.Unhandled, eventId, eventType));
                if (_observers.Length != 0)
                {
                    Observe(unhandled, deliveryId, attempt);
                }

                return new(unhandled);
            }

            var pending = DispatchAsync(envelope, body, deliveryId, attempt, handlers, settings.LeaseDuration, activity, cancellationToken);
            activity = null; // DispatchAsync finishes it.
            return _observers.Length == 0 ? pending : ObserveAsync(pending, deliveryId, attempt);
        }
        finally
        {
            activity?.Dispose();
        }
    }

    private async ValueTask<WebhookReceiveResult> DispatchAsync(
        WebhookEnvelope envelope,
        ReadOnlyMemory<byte> body,
        string? deliveryId,
        int? attempt,
        WebhookHandlerRegistration[] handlers,
        TimeSpan leaseDuration,
        Activity? activity,
        CancellationToken cancellationToken)
    {
        using var ownedActivity = activity;
        var eventId = envelope.EventId;
        var eventType = envelope.EventType;
        var scope = _scopeFactory.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var services = scope.ServiceProvider;
            var inbox = services.GetRequiredKeyedService<IWebhookInbox>(Name);
            var transactional = inbox as IWebhookTransactionalInbox;
            WebhookInboxBeginResult begin;
            try
            {
                begin = transactional is null
                    ? await inbox.TryBeginAsync(eventId, leaseDuration, cancellationToken).ConfigureAwait(false)
                    : await transactional.TryBeginAsync(new WebhookInboxEntry(eventId, envelope.OccurredAt, envelope.Entity), leaseDuration, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.StoreFailed(_logger, ex, eventId, _label);
                return Finish(activity, Reject(WebhookReceiveOutcome.StoreFailed, eventId, eventType));
            }

            if (begin.Status != WebhookInboxStatus.New)
            {
                _telemetry.Duplicate(Name, begin.Status);
                Log.Duplicate(_logger, eventId, eventType.Value, _label, begin.Status);
                var outcome = begin.Status == WebhookInboxStatus.AlreadyHandled ? WebhookReceiveOutcome.Duplicate : WebhookReceiveOutcome.InProgress;
                return Finish(activity, WebhookReceiveResult.Of(outcome, eventId, eventType));
            }

            var lease = begin.Lease;
            var started = _timeProvider.GetTimestamp();
            var entity = envelope.Entity;
            IWebhookOrderingStore? ordering = null;
            var latest = begin.LatestHandledOccurredAt;
            try
            {
                // A transactional inbox keeps the ordering help in its own unit of work: the store is not asked.
                if (entity is { } key && transactional is null)
                {
                    ordering = services.GetRequiredKeyedService<IWebhookOrderingStore>(Name);
                    latest = await ordering.GetLatestHandledAsync(key, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                await ReleaseQuietlyAsync(inbox, lease).ConfigureAwait(false);
                if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                Log.StoreFailed(_logger, ex, eventId, _label);
                return Finish(activity, Reject(WebhookReceiveOutcome.StoreFailed, eventId, eventType));
            }

            var context = new WebhookEventContext(Name, envelope, body, deliveryId, attempt, latest, services);
            try
            {
                if (context.IsStale)
                {
                    Log.Stale(_logger, eventId, eventType.Value, entity!.Value.ToString(), latest!.Value);
                }

                foreach (var registration in handlers)
                {
                    var handler = registration.Resolve(services);
                    await handler.HandleAsync(context, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (context.PayloadError is null)
            {
                context.ReleaseBody();
                await ReleaseQuietlyAsync(inbox, lease).ConfigureAwait(false);
                if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    Log.Canceled(_logger, eventId, _label);
                    activity?.SetStatus(ActivityStatusCode.Error, "canceled");
                    throw;
                }

                _telemetry.HandlerFailed(Name, eventType.Value);
                Log.HandlerFailed(_logger, ex, eventId, eventType.Value, _label);
                activity?.AddException(ex);
                return Finish(activity, Reject(WebhookReceiveOutcome.HandlerFailed, eventId, eventType, log: false));
            }
            catch (Exception)
            {
                // Reported below: the sections did not match the contract.
            }

            context.ReleaseBody();
            if (context.PayloadError is not null)
            {
                // A handler asked for the typed event and the sections are invalid: a bad body (400), not a handler failure,
                // whatever the handler made of the exception. Not marked handled.
                await ReleaseQuietlyAsync(inbox, lease).ConfigureAwait(false);
                return Finish(activity, Reject(WebhookReceiveOutcome.InvalidPayload, eventId, eventType));
            }

            try
            {
                // Handled: record it even if the caller has gone meanwhile.
                await inbox.CompleteAsync(lease, CancellationToken.None).ConfigureAwait(false);
                if (entity is { } handledEntity && ordering is not null)
                {
                    await ordering.RecordHandledAsync(handledEntity, envelope.OccurredAt, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                Log.StoreFailed(_logger, ex, eventId, _label);
                await ReleaseQuietlyAsync(inbox, lease).ConfigureAwait(false);
                return Finish(activity, Reject(WebhookReceiveOutcome.StoreFailed, eventId, eventType, context.ParsedEvent));
            }

            _telemetry.Handled(Name, eventType.Value, _timeProvider.GetElapsedTime(started));
            if (_logger.IsEnabled(LogLevel.Information))
            {
                Log.Handled(_logger, eventId, eventType.Value, _label, attempt?.ToString(CultureInfo.InvariantCulture) ?? "(not sent)");
            }
            return Finish(activity, WebhookReceiveResult.Of(WebhookReceiveOutcome.Handled, eventId, eventType, context.ParsedEvent));
        }
    }

    private async ValueTask<WebhookReceiveResult> ObserveAsync(ValueTask<WebhookReceiveResult> pending, string? deliveryId, int? attempt)
    {
        var result = await pending.ConfigureAwait(false);
        Observe(result, deliveryId, attempt);
        return result;
    }

    private void Observe(WebhookReceiveResult result, string? deliveryId, int? attempt)
    {
        var observation = new WebhookReceiveObservation(Name, result, deliveryId, attempt);
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnReceived(observation);
            }
            catch (Exception ex)
            {
                // An observer only watches: its failure changes neither the answer nor the event's handled mark.
                Log.ObserverFailed(_logger, ex, observer.GetType().Name, result.EventId!, _label);
            }
        }
    }

    private async ValueTask ReleaseQuietlyAsync(IWebhookInbox inbox, WebhookInboxLease lease)
    {
        try
        {
            await inbox.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The lease then expires by itself; the event is still not marked handled.
            Log.StoreFailed(_logger, ex, lease.EventId, _label);
        }
    }

    /// <summary>
    /// Takes new options (the factory calls it when the named options change, e.g. a secret added or removed in
    /// configuration): requests that start afterwards use them, requests under way finish with the ones they started
    /// with. Options that cannot be used (a secret that does not parse) leave the current ones in place.
    /// </summary>
    internal void Reload(WebhookReceiverOptions options)
    {
        try
        {
            _settings = new Settings(options, _timeProvider);
            Log.Reloaded(_logger, _label, options.Secrets.Count);
        }
        catch (WebhookSecretException ex)
        {
            // The reason code only: the exception's text is not logged, whatever it holds.
            Log.ReloadRejected(_logger, _label, ex.Reason);
        }
    }

    /// <summary>At most one "no handler" line per event type and minute: a stream of unhandled events must not flood the log.</summary>
    private bool ShouldLogUnhandled(string eventType)
    {
        var now = _timeProvider.GetTimestamp();
        if (_unhandledLoggedAt.TryGetValue(eventType, out var last) && _timeProvider.GetElapsedTime(last, now) < TimeSpan.FromMinutes(1))
        {
            return false;
        }

        if (_unhandledLoggedAt.Count >= MaxCachedEventTypes && !_unhandledLoggedAt.ContainsKey(eventType))
        {
            return false;
        }

        _unhandledLoggedAt[eventType] = now;
        return true;
    }

    private static WebhookReceiveOutcome? Precheck(Settings settings, long? length, string? contentType)
    {
        if (length > settings.MaxBodyBytes)
        {
            return WebhookReceiveOutcome.BodyTooLarge;
        }

        return WebhookContentType.IsJson(contentType) ? null : WebhookReceiveOutcome.UnsupportedContentType;
    }

    private WebhookReceiveResult Reject(WebhookReceiveOutcome outcome, string? eventId, WebhookEventType? eventType = null, WebhookEvent? webhookEvent = null, bool log = true)
    {
        _telemetry.Rejected(Name, outcome);
        var result = WebhookReceiveResult.Of(outcome, eventId, eventType, webhookEvent);
        if (log)
        {
            // The event id is logged only after the signature proved it genuine; before, a header value is attacker text.
            Log.Rejected(_logger, _label, WebhookReceiveResult.CodeOf(outcome), result.StatusCode, result.EventId ?? "(not verified)");
        }

        return result;
    }

    private static WebhookReceiveResult Finish(Activity? activity, WebhookReceiveResult result)
    {
        if (activity is not null)
        {
            var outcome = WebhookReceiveResult.CodeOf(result.Outcome);
            activity.SetTag(WebhookTelemetryTags.Outcome, outcome);
            activity.SetTag(WebhookTelemetryTags.HttpResponseStatusCode, result.StatusCode);
            if (!result.IsSuccess && result.StatusCode != 409)
            {
                // The same error.type as the rejected counter: the outcome's code.
                activity.SetStatus(ActivityStatusCode.Error, outcome);
                activity.SetTag(WebhookTelemetryTags.ErrorType, outcome);
            }
        }

        return result;
    }

    private static WebhookReceiveOutcome MapVerification(WebhookVerificationStatus status) => status switch
    {
        WebhookVerificationStatus.MissingHeader => WebhookReceiveOutcome.MissingHeader,
        WebhookVerificationStatus.MalformedHeader => WebhookReceiveOutcome.MalformedHeader,
        WebhookVerificationStatus.TimestampOutsideTolerance => WebhookReceiveOutcome.TimestampOutsideTolerance,
        _ => WebhookReceiveOutcome.InvalidSignature,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Activity? StartActivity<THeaders>(THeaders headers)
        where THeaders : IWebhookHeaderReader
    {
        if (Activity.Current is null
            && NullIfEmpty(headers.GetValue("traceparent")) is { } traceParent
            && ActivityContext.TryParse(traceParent, NullIfEmpty(headers.GetValue("tracestate")), isRemote: true, out var parent))
        {
            return ReceiverTelemetry.ActivitySource.StartActivity(ReceiverTelemetry.ReceiveSpan, ActivityKind.Server, parent);
        }

        return ReceiverTelemetry.ActivitySource.StartActivity(ReceiverTelemetry.ReceiveSpan, ActivityKind.Internal);
    }

    /// <summary>One version of the receiver's options, in the form requests use; replaced as a whole on reload.</summary>
    private sealed class Settings
    {
        private readonly WebhookHandlerRegistration[] _handlers;
        private readonly ConcurrentDictionary<WebhookEventType, WebhookHandlerRegistration[]> _handlersByType = new();

        public Settings(WebhookReceiverOptions options, TimeProvider timeProvider)
        {
            var verifierOptions = new WebhookVerifierOptions
            {
                Tolerance = options.TimestampTolerance,
                TimeProvider = timeProvider,
                AcceptStandardWebhooks = options.AcceptStandardWebhooksHeaders,
            };
            foreach (var secret in options.Secrets)
            {
                verifierOptions.Secrets.Add(WebhookSecret.Parse(secret));
            }

            Tolerance = options.TimestampTolerance;
            Verifier = new WebhookVerifier(verifierOptions);
            MaxBodyBytes = options.MaxBodyBytes;
            LeaseDuration = options.InboxLeaseDuration;
            _handlers = [.. options.Handlers];
        }

        public WebhookVerifier Verifier { get; }

        public TimeSpan Tolerance { get; }

        public long MaxBodyBytes { get; }

        public TimeSpan LeaseDuration { get; }

        /// <summary>The handlers of an event type, each once (a class registered for a type and its category runs once).</summary>
        public WebhookHandlerRegistration[] GetHandlers(WebhookEventType eventType)
        {
            if (_handlersByType.TryGetValue(eventType, out var cached))
            {
                return cached;
            }

            var matching = new List<WebhookHandlerRegistration>();
            foreach (var registration in _handlers)
            {
                if (registration.Matches(eventType) &&
                    !matching.Exists(m => m.HandlerType == registration.HandlerType && ReferenceEquals(m.Instance, registration.Instance)))
                {
                    matching.Add(registration);
                }
            }

            WebhookHandlerRegistration[] result = [.. matching];
            if (_handlersByType.Count < MaxCachedEventTypes)
            {
                _handlersByType.TryAdd(eventType, result);
            }

            return result;
        }
    }
}
