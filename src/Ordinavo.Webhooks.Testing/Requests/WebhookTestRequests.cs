using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Testing;

/// <summary>
/// Builds correctly signed webhook requests, byte for byte what the Ordinavo publisher sends, for your endpoint's
/// tests: from the realistic <see cref="WebhookSamples"/> of any event type, or from your own event or body.
/// </summary>
/// <example>
/// <code>
/// var request = WebhookTestRequests.Create(WebhookEventType.VisitReportApproved, secret);
/// using var response = await client.SendAsync(request.ToHttpRequestMessage(new Uri(baseAddress, "/webhooks/ordinavo")));
/// </code>
/// </example>
public static class WebhookTestRequests
{
    /// <summary>The Content-Type the publisher sends.</summary>
    public const string JsonContentType = WebhookHeaderNames.JsonContentType;

    /// <summary>A signed request carrying the sample of <paramref name="eventType"/>.</summary>
    /// <param name="eventType">One of the contract's 24 event types.</param>
    /// <param name="secret">The signing secret (<c>whsec_...</c>), the one your receiver is configured with.</param>
    /// <param name="options">Event id, timestamp, attempt, delivery id; optional.</param>
    /// <exception cref="ArgumentException">The type has no sample, or the secret is not a valid webhook secret.</exception>
    public static SignedWebhookRequest Create(WebhookEventType eventType, string secret, WebhookTestRequestOptions? options = null)
    {
        options ??= WebhookTestRequestOptions.Default;
        return Create(WebhookSamples.For(eventType, options.SampleOptions), [secret], options);
    }

    /// <summary>A signed request carrying <paramref name="webhookEvent"/>, serialized as the publisher does.</summary>
    /// <param name="webhookEvent">The event.</param>
    /// <param name="secret">The signing secret.</param>
    /// <param name="options">Event id, timestamp, attempt, delivery id; optional.</param>
    public static SignedWebhookRequest Create(WebhookEvent webhookEvent, string secret, WebhookTestRequestOptions? options = null) =>
        Create(webhookEvent, [secret], options);

    /// <summary>
    /// A request carrying <paramref name="webhookEvent"/> signed with every secret in <paramref name="secrets"/>, as
    /// during a secret rotation (one <c>sha256=</c> entry per secret).
    /// </summary>
    /// <param name="webhookEvent">The event.</param>
    /// <param name="secrets">The signing secrets (at least one).</param>
    /// <param name="options">Event id, timestamp, attempt, delivery id; optional.</param>
    public static SignedWebhookRequest Create(WebhookEvent webhookEvent, IEnumerable<string> secrets, WebhookTestRequestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        options ??= WebhookTestRequestOptions.Default;
        var webhookEventToSend = options.EventId is { } eventId ? webhookEvent with { EventId = eventId } : webhookEvent;
        var body = WebhookEventSerializer.SerializeToUtf8Bytes(webhookEventToSend);
        return Sign(body, webhookEventToSend.EventId, webhookEventToSend.EventType.Value, ParseSecrets(secrets), options, webhookEventToSend);
    }

    /// <summary>
    /// A request carrying <paramref name="body"/> as it stands (any bytes, e.g. an event type your code does not know
    /// yet, or a body from a log), signed for <paramref name="eventId"/>.
    /// </summary>
    /// <param name="body">The exact body bytes.</param>
    /// <param name="eventId">The <c>X-Ordinavo-Event-Id</c> to sign (it should equal the body's eventId).</param>
    /// <param name="eventType">The <c>X-Ordinavo-Event-Type</c>; <see langword="null"/> to leave the header out.</param>
    /// <param name="secret">The signing secret.</param>
    /// <param name="options">Timestamp, attempt, delivery id; optional (<see cref="WebhookTestRequestOptions.EventId"/> is ignored).</param>
    public static SignedWebhookRequest CreateFromBody(
        ReadOnlySpan<byte> body,
        string eventId,
        string? eventType,
        string secret,
        WebhookTestRequestOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        return Sign(body.ToArray(), eventId, eventType, ParseSecrets([secret]), options ?? WebhookTestRequestOptions.Default, webhookEvent: null);
    }

    private static SignedWebhookRequest Sign(
        byte[] body,
        string eventId,
        string? eventType,
        WebhookSecret[] secrets,
        WebhookTestRequestOptions options,
        WebhookEvent? webhookEvent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Attempt, 1, nameof(options));
        var signature = new WebhookSigner(secrets).Sign(eventId, options.Timestamp ?? DateTimeOffset.UtcNow, body, options.IncludeStandardWebhooks);
        var headers = SignedWebhookRequest.Copy(signature.ToHeaders());
        if (eventType is not null)
        {
            headers[WebhookHeaderNames.EventType] = eventType;
        }

        headers[WebhookHeaderNames.DeliveryId] = options.DeliveryId ?? WebhookIdentifiers.NewDeliveryId();
        headers[WebhookHeaderNames.DeliveryAttempt] = options.Attempt.ToString(CultureInfo.InvariantCulture);
        return new SignedWebhookRequest(body, JsonContentType, headers, secrets, webhookEvent);
    }

    private static WebhookSecret[] ParseSecrets(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var parsed = new List<WebhookSecret>();
        foreach (var secret in secrets)
        {
            if (!WebhookSecret.TryParse(secret, out var value, out var reason))
            {
                throw new ArgumentException($"A secret is not a valid webhook secret ({reason}).", nameof(secrets));
            }

            parsed.Add(value!);
        }

        return parsed.Count == 0 ? throw new ArgumentException("At least one secret is required.", nameof(secrets)) : [.. parsed];
    }
}
