using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Contracts.Diagnostics;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Sends one signed attempt (contract section 3 headers, a new <c>del_</c> id per attempt, W3C <c>traceparent</c>) with
/// the per-attempt timeout, and records what happened. Never throws for an attempt's failure; throws
/// <see cref="OperationCanceledException"/> only when the caller's token is cancelled.
/// </summary>
internal sealed class WebhookSender(
    IHttpClientFactory httpClientFactory,
    IOptions<WebhookPublisherOptions> options,
    TimeProvider timeProvider,
    WebhookPublisherTelemetry telemetry,
    IOptionsMonitor<HttpClientFactoryOptions>? clientOptions = null)
{
    private const string TraceParentHeader = "traceparent";
    private readonly WebhookPublisherOptions _options = options.Value;

    // The factory hands out a new client around its current handler on every call, each with a cancellation source of its
    // own; one client is kept as long as the factory keeps that handler (its handler lifetime), then taken anew, so
    // handler rotation and the named client's configuration apply as they would per call.
    private readonly TimeSpan _clientLifetime = clientOptions?.Get(WebhookPublisherOptions.HttpClientName).HandlerLifetime ?? TimeSpan.Zero;
    private volatile CurrentClient? _client;

    public async Task<SendResult> SendAsync(
        WebhookSubscription subscription,
        string deliveryId,
        string eventId,
        string eventType,
        ReadOnlyMemory<byte> body,
        int attemptNumber,
        CancellationToken cancellationToken)
    {
        var startedAt = timeProvider.GetUtcNow();
        var started = timeProvider.GetTimestamp();
        var attemptId = WebhookIdentifiers.NewDeliveryId(startedAt);
        var endpoint = subscription.EndpointUrl;

        if (!IsAcceptableEndpoint(endpoint))
        {
            return Result(WebhookDeliveryErrorKind.InvalidEndpoint, null, null, null);
        }

        using var activity = WebhookPublisherTelemetry.ActivitySource.StartActivity(WebhookPublisherTelemetry.DeliverSpan, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(WebhookTelemetryTags.EventId, eventId);
            activity.SetTag(WebhookTelemetryTags.EventType, eventType);
            activity.SetTag(WebhookTelemetryTags.SubscriptionId, subscription.Id);
            activity.SetTag(WebhookTelemetryTags.DeliveryId, attemptId);
            activity.SetTag(WebhookTelemetryTags.DeliveryAttempt, attemptNumber);
            activity.SetTag(WebhookTelemetryTags.ServerAddress, endpoint.Host);
            activity.SetTag(WebhookTelemetryTags.ServerPort, endpoint.Port);
            activity.SetTag(WebhookTelemetryTags.HttpRequestMethod, "POST");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.TryAddWithoutValidation(WebhookHeaderNames.ContentType, WebhookHeaderNames.JsonContentType);
        request.Content = content;
        var signature = subscription.Secrets.Count == 1
            ? WebhookSigner.SignOnce(subscription.Secrets[0], eventId, startedAt, body.Span, subscription.StandardWebhooksHeaders)
            : new WebhookSigner(subscription.Secrets).Sign(eventId, startedAt, body.Span, subscription.StandardWebhooksHeaders);
        signature.AddTo(request.Headers);
        request.Headers.TryAddWithoutValidation(WebhookHeaderNames.EventType, eventType);
        request.Headers.TryAddWithoutValidation(WebhookHeaderNames.DeliveryId, attemptId);
        request.Headers.TryAddWithoutValidation(WebhookHeaderNames.DeliveryAttempt, attemptNumber.ToString(CultureInfo.InvariantCulture));
        // The Id of a W3C activity is exactly the traceparent value the runtime's HTTP diagnostics write
        // (00-{trace id}-{span id}-{flags}). A host that forces hierarchical ids gets no traceparent rather than a made-up
        // one. Neither tracestate nor baggage is sent: the endpoint is a third party.
        var traceParent = activity is null ? UnrecordedTraceParent() : activity.IdFormat == ActivityIdFormat.W3C ? activity.Id : null;
        if (traceParent is not null)
        {
            request.Headers.TryAddWithoutValidation(TraceParentHeader, traceParent);
        }

        // One source for both the attempt timeout and the caller's token (no linked source per attempt).
        using var timeout = new CancellationTokenSource(_options.AttemptTimeout, timeProvider);
        using var callerRegistration = cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), timeout);
        var client = Client();
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Finish(activity, Result(WebhookDeliveryErrorKind.Timeout, null, null, null));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.IO.IOException or DestinationRefusedException)
        {
            var kind = IsRefused(ex) ? WebhookDeliveryErrorKind.DestinationRefused : WebhookDeliveryErrorKind.ConnectionFailed;
            return Finish(activity, Result(kind, null, null, null));
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var succeeded = status is >= 200 and < 300;

            // Retry-After matters only for an answer that is retried; a success does not parse the header.
            var retryAfter = succeeded ? null : RetryAfter(response.Headers.RetryAfter, timeProvider.GetUtcNow());
            string? responseBody = null;
            try
            {
                // The common webhook answer is an empty 200: no stream, no buffer, no read.
                if (response.Content.Headers.ContentLength != 0)
                {
                    responseBody = await ReadPrefixAsync(response.Content, timeout.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.IO.IOException)
            {
                // The status arrived; a body that cannot be read in time is not kept.
            }

            var kind = succeeded ? WebhookDeliveryErrorKind.None : WebhookDeliveryErrorKind.HttpStatus;
            activity?.SetTag(WebhookTelemetryTags.HttpResponseStatusCode, status);
            return Finish(activity, Result(kind, status, responseBody, retryAfter));
        }

        SendResult Result(WebhookDeliveryErrorKind kind, int? status, string? responseBody, TimeSpan? retryAfter)
        {
            var duration = timeProvider.GetElapsedTime(started);
            var attempt = new WebhookDeliveryAttempt
            {
                DeliveryId = deliveryId,
                AttemptId = attemptId,
                AttemptNumber = attemptNumber,
                StartedAt = startedAt,
                Duration = duration,
                StatusCode = status,
                ErrorKind = kind,
                ResponseBody = responseBody,
            };
            if (telemetry.AttemptDuration.Enabled)
            {
                // As OpenTelemetry's HTTP client duration: error.type only on a failure.
                var eventTypeTag = new KeyValuePair<string, object?>(WebhookTelemetryTags.EventType, eventType);
                if (attempt.Succeeded)
                {
                    telemetry.AttemptDuration.Record(duration.TotalSeconds, eventTypeTag);
                }
                else
                {
                    telemetry.AttemptDuration.Record(
                        duration.TotalSeconds,
                        eventTypeTag,
                        new KeyValuePair<string, object?>(WebhookTelemetryTags.ErrorType, WebhookPublisherTelemetry.ErrorType(kind, status)));
                }
            }
            return new SendResult(attempt, retryAfter);
        }
    }

    /// <summary>The factory's client for the publisher, taken anew once the factory's handler lifetime has passed.</summary>
    private HttpClient Client()
    {
        var now = timeProvider.GetTimestamp();
        if (_client is { } current
            && (_clientLifetime == Timeout.InfiniteTimeSpan || timeProvider.GetElapsedTime(current.TakenAt, now) < _clientLifetime))
        {
            return current.Client;
        }

        // Two attempts may both take a client here; either is fine, and the one not kept is collected with its source.
        var client = httpClientFactory.CreateClient(WebhookPublisherOptions.HttpClientName);
        _client = new CurrentClient(client, now);
        return client;
    }

    /// <summary>Whether the URL may be attempted: absolute, HTTPS (or HTTP when allowed).</summary>
    public bool IsAcceptableEndpoint(Uri endpoint) =>
        endpoint.IsAbsoluteUri &&
        (endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && _options.AllowInsecureHttp));

    private static SendResult Finish(Activity? activity, SendResult result)
    {
        if (activity is not null && !result.Attempt.Succeeded)
        {
            var errorType = WebhookPublisherTelemetry.ErrorType(result.Attempt.ErrorKind, result.Attempt.StatusCode);
            activity.SetStatus(ActivityStatusCode.Error, errorType);
            activity.SetTag(WebhookTelemetryTags.ErrorType, errorType);
        }

        return result;
    }

    /// <summary>
    /// Without a listener no span is recorded, yet the receiver still gets a W3C context to correlate with (the host's
    /// trace when there is one): an unrecorded activity is started for its id and stopped at once. Left running, it
    /// would be the ambient activity of the HTTP call, and the runtime's HTTP diagnostics would create an activity of
    /// their own (with its tags) under it for every attempt, recorded by no one.
    /// </summary>
    private static string? UnrecordedTraceParent()
    {
        using var unrecorded = new Activity(WebhookPublisherTelemetry.DeliverSpan);
        unrecorded.SetIdFormat(ActivityIdFormat.W3C);
        unrecorded.ActivityTraceFlags = ActivityTraceFlags.None; // set before Start: not recorded, whatever the parent is
        unrecorded.Start();
        return unrecorded.IdFormat == ActivityIdFormat.W3C ? unrecorded.Id : null;
    }

    private static bool IsRefused(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is DestinationRefusedException)
            {
                return true;
            }
        }

        return false;
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static async Task<string?> ReadPrefixAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(WebhookDeliveryAttempt.MaxResponseBodyBytes);
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var total = 0;
                while (total < WebhookDeliveryAttempt.MaxResponseBodyBytes)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(total, WebhookDeliveryAttempt.MaxResponseBodyBytes - total), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    total += read;
                }

                return total == 0 ? null : Encoding.UTF8.GetString(buffer, 0, total);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private sealed record CurrentClient(HttpClient Client, long TakenAt);
}
