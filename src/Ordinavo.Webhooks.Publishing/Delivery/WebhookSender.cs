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
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Contracts;
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
    WebhookPublisherTelemetry telemetry)
{
    private const string TraceParentHeader = "traceparent";
    private readonly WebhookPublisherOptions _options = options.Value;

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

        using var activity = WebhookPublisherTelemetry.ActivitySource.StartActivity("webhook deliver", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("ordinavo.webhooks.event_id", eventId);
            activity.SetTag("ordinavo.webhooks.event_type", eventType);
            activity.SetTag("ordinavo.webhooks.subscription_id", subscription.Id);
            activity.SetTag("ordinavo.webhooks.delivery_id", attemptId);
            activity.SetTag("ordinavo.webhooks.attempt", attemptNumber);
            activity.SetTag("server.address", endpoint.Host);
            activity.SetTag("server.port", endpoint.Port);
            activity.SetTag("http.request.method", "POST");
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
        request.Headers.TryAddWithoutValidation(TraceParentHeader, TraceParent(activity));

        // One source for both the attempt timeout and the caller's token (no linked source per attempt).
        using var timeout = new CancellationTokenSource(_options.AttemptTimeout, timeProvider);
        using var callerRegistration = cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), timeout);
        var client = httpClientFactory.CreateClient(WebhookPublisherOptions.HttpClientName);
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
            activity?.SetTag("http.response.status_code", status);
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
            telemetry.AttemptDuration.Record(
                duration.TotalSeconds,
                new KeyValuePair<string, object?>("outcome", attempt.Succeeded ? "success" : "failure"),
                new KeyValuePair<string, object?>("error.kind", kind.ToString()));
            return new SendResult(attempt, retryAfter);
        }
    }

    /// <summary>Whether the URL may be attempted: absolute, HTTPS (or HTTP when allowed).</summary>
    public bool IsAcceptableEndpoint(Uri endpoint) =>
        endpoint.IsAbsoluteUri &&
        (endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && _options.AllowInsecureHttp));

    private static SendResult Finish(Activity? activity, SendResult result)
    {
        if (activity is not null && !result.Attempt.Succeeded)
        {
            activity.SetStatus(ActivityStatusCode.Error, result.Attempt.ErrorKind.ToString());
            activity.SetTag("error.type", result.Attempt.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? result.Attempt.ErrorKind.ToString());
        }

        return result;
    }

    private static string TraceParent(Activity? activity)
    {
        if (activity is not null)
        {
            return TraceParent(activity.TraceId, activity.SpanId, (activity.ActivityTraceFlags & ActivityTraceFlags.Recorded) != 0);
        }

        // No listener: still give the receiver a W3C context to correlate with (the host's trace when there is one).
        var parent = Activity.Current;
        var traceId = parent is { IdFormat: ActivityIdFormat.W3C } ? parent.TraceId : ActivityTraceId.CreateRandom();
        return TraceParent(traceId, ActivitySpanId.CreateRandom(), sampled: false);
    }

    /// <summary><c>00-{trace id}-{span id}-{flags}</c>, written into one string without intermediate ones.</summary>
    private static string TraceParent(ActivityTraceId traceId, ActivitySpanId spanId, bool sampled)
    {
        return string.Create(55, (traceId, spanId, sampled), static (span, state) =>
        {
            Span<byte> id = stackalloc byte[16];
            "00-".CopyTo(span);
            state.traceId.CopyTo(id);
            Convert.TryToHexStringLower(id, span.Slice(3, 32), out _);
            span[35] = '-';
            state.spanId.CopyTo(id.Slice(0, 8));
            Convert.TryToHexStringLower(id.Slice(0, 8), span.Slice(36, 16), out _);
            span[52] = '-';
            span[53] = '0';
            span[54] = state.sampled ? '1' : '0';
        });
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
}
