using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Testing;

/// <summary>
/// A webhook request as Ordinavo sends it: exact body bytes, content type and headers (event id and type, timestamp,
/// signature, delivery id and attempt). Immutable; the <c>With...</c> and <c>As...</c> methods return variants, both
/// valid ones (another attempt) and broken ones (tampered body, stale timestamp, missing header) for negative tests.
/// </summary>
public sealed class SignedWebhookRequest
{
    private readonly byte[] _body;
    private readonly Dictionary<string, string> _headers;
    private readonly WebhookSecret[] _secrets;

    internal SignedWebhookRequest(
        byte[] body,
        string? contentType,
        Dictionary<string, string> headers,
        WebhookSecret[] secrets,
        WebhookEvent? webhookEvent)
    {
        _body = body;
        ContentType = contentType;
        _headers = headers;
        _secrets = secrets;
        Event = webhookEvent;
    }

    /// <summary>The event the body was serialized from; <see langword="null"/> for a raw body.</summary>
    public WebhookEvent? Event { get; }

    /// <summary>The exact body bytes.</summary>
    public ReadOnlyMemory<byte> Body => _body;

    /// <summary>The body as text (UTF-8).</summary>
    public string BodyText => System.Text.Encoding.UTF8.GetString(_body);

    /// <summary>The Content-Type (<c>application/json; charset=utf-8</c> unless changed).</summary>
    public string? ContentType { get; }

    /// <summary>The request headers other than Content-Type (case-insensitive names).</summary>
    public IReadOnlyDictionary<string, string> Headers => _headers;

    /// <summary>The <c>X-Ordinavo-Event-Id</c> header, if present.</summary>
    public string? EventId => GetHeader(WebhookHeaderNames.EventId);

    /// <summary>The <c>X-Ordinavo-Timestamp</c> header, if present.</summary>
    public string? Timestamp => GetHeader(WebhookHeaderNames.Timestamp);

    /// <summary>The <c>X-Ordinavo-Delivery-Attempt</c> header as a number, if present and numeric.</summary>
    public int? Attempt => int.TryParse(GetHeader(WebhookHeaderNames.DeliveryAttempt), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt) ? attempt : null;

    /// <summary>A header reader over <see cref="Headers"/>, for <c>WebhookVerifier</c> or the receiving pipeline.</summary>
    public DictionaryHeaderReader HeaderReader => new(_headers);

    /// <summary>One header's value, or <see langword="null"/>.</summary>
    /// <param name="name">The header name (case-insensitive).</param>
    public string? GetHeader(string name) => _headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>An HTTP POST of this request to <paramref name="requestUri"/>, with the exact body bytes and headers.</summary>
    /// <param name="requestUri">The receiver's endpoint.</param>
    public HttpRequestMessage ToHttpRequestMessage(Uri requestUri)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        var content = new ByteArrayContent(_body);
        content.Headers.ContentType = null;
        if (ContentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }

        var message = new HttpRequestMessage(HttpMethod.Post, requestUri) { Content = content };
        foreach (var header in _headers)
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return message;
    }

    /// <summary>
    /// The same event delivered again as attempt <paramref name="attempt"/>: same body and event id, a new delivery id,
    /// signed anew at <paramref name="timestamp"/> (default now). This is what a retry by the publisher looks like.
    /// </summary>
    /// <param name="attempt">The attempt number (1 or more).</param>
    /// <param name="timestamp">When the retry is signed; <see langword="null"/> for now.</param>
    public SignedWebhookRequest AsAttempt(int attempt, DateTimeOffset? timestamp = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var request = Resign(timestamp ?? DateTimeOffset.UtcNow);
        request._headers[WebhookHeaderNames.DeliveryId] = WebhookIdentifiers.NewDeliveryId();
        request._headers[WebhookHeaderNames.DeliveryAttempt] = attempt.ToString(CultureInfo.InvariantCulture);
        return request;
    }

    /// <summary>
    /// The same request correctly signed, but at a time <paramref name="age"/> before now (or after, for a negative
    /// age): a receiver with a smaller tolerance answers 401.
    /// </summary>
    /// <param name="age">How old the signature is. Default 10 minutes (twice the default tolerance).</param>
    public SignedWebhookRequest AsStale(TimeSpan? age = null) => Resign(DateTimeOffset.UtcNow - (age ?? TimeSpan.FromMinutes(10)));

    /// <summary>The same request correctly signed at <paramref name="timestamp"/>.</summary>
    /// <param name="timestamp">The signing time.</param>
    public SignedWebhookRequest SignedAt(DateTimeOffset timestamp) => Resign(timestamp);

    /// <summary>
    /// The request with one byte of the body changed (a digit or letter inside the JSON, so the body stays valid JSON)
    /// and the original signature: the receiver answers 401.
    /// </summary>
    public SignedWebhookRequest WithTamperedBody()
    {
        var body = (byte[])_body.Clone();
        for (var i = body.Length - 1; i >= 0; i--)
        {
            var b = body[i];
            if (b is >= (byte)'0' and <= (byte)'8' or >= (byte)'a' and <= (byte)'y' or >= (byte)'A' and <= (byte)'Y')
            {
                body[i] = (byte)(b + 1);
                return new SignedWebhookRequest(body, ContentType, Copy(_headers), _secrets, webhookEvent: null);
            }
        }

        body = [.. body, (byte)' '];
        return new SignedWebhookRequest(body, ContentType, Copy(_headers), _secrets, webhookEvent: null);
    }

    /// <summary>The request with other body bytes and the original signature (the receiver answers 401).</summary>
    /// <param name="body">The new body.</param>
    public SignedWebhookRequest WithBody(ReadOnlySpan<byte> body) =>
        new(body.ToArray(), ContentType, Copy(_headers), _secrets, webhookEvent: null);

    /// <summary>The request with a header set to <paramref name="value"/>, or removed when it is <see langword="null"/>; not re-signed.</summary>
    /// <param name="name">The header name.</param>
    /// <param name="value">The new value, or <see langword="null"/> to remove the header.</param>
    public SignedWebhookRequest WithHeader(string name, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var headers = Copy(_headers);
        if (value is null)
        {
            headers.Remove(name);
        }
        else
        {
            headers[name] = value;
        }

        return new SignedWebhookRequest(_body, ContentType, headers, _secrets, Event);
    }

    /// <summary>The request with another Content-Type, or none when <see langword="null"/>.</summary>
    /// <param name="contentType">The new content type.</param>
    public SignedWebhookRequest WithContentType(string? contentType) => new(_body, contentType, Copy(_headers), _secrets, Event);

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"POST {GetHeader(WebhookHeaderNames.EventType)} {EventId} attempt {GetHeader(WebhookHeaderNames.DeliveryAttempt)} ({_body.Length} bytes)");

    internal static Dictionary<string, string> Copy(IEnumerable<KeyValuePair<string, string>> headers) =>
        new(headers, StringComparer.OrdinalIgnoreCase);

    private SignedWebhookRequest Resign(DateTimeOffset timestamp)
    {
        var eventId = EventId ?? throw new InvalidOperationException("The request has no event id header to sign.");
        var standard = _headers.ContainsKey(WebhookHeaderNames.StandardWebhookSignature);
        var signature = new WebhookSigner(_secrets).Sign(eventId, timestamp, _body, standard);
        var headers = Copy(_headers);
        foreach (var header in signature.ToHeaders())
        {
            headers[header.Key] = header.Value;
        }

        return new SignedWebhookRequest(_body, ContentType, headers, _secrets, Event);
    }
}
