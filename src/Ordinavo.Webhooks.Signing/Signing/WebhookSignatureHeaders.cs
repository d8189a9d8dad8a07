using System;
using System.Collections.Generic;
using System.Net.Http.Headers;

namespace Ordinavo.Webhooks.Signing;

/// <summary>
/// The signature header values of one attempt, produced by <see cref="WebhookSigner"/>. The publisher sends these along
/// with <c>Content-Type</c>, <c>X-Ordinavo-Event-Type</c>, <c>X-Ordinavo-Delivery-Id</c> and <c>X-Ordinavo-Delivery-Attempt</c>.
/// </summary>
public sealed class WebhookSignatureHeaders
{
    internal WebhookSignatureHeaders(string eventId, string timestamp, string signature, string? standardTimestamp, string? standardSignature)
    {
        EventId = eventId;
        Timestamp = timestamp;
        Signature = signature;
        StandardWebhookTimestamp = standardTimestamp;
        StandardWebhookSignature = standardSignature;
    }

    /// <summary>The value of <c>X-Ordinavo-Event-Id</c> (and of <c>webhook-id</c>).</summary>
    public string EventId { get; }

    /// <summary>The value of <c>X-Ordinavo-Timestamp</c>: UTC, <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public string Timestamp { get; }

    /// <summary>The value of <c>X-Ordinavo-Signature</c>: <c>sha256=&lt;hex&gt;</c> per secret, separated by <c>", "</c>.</summary>
    public string Signature { get; }

    /// <summary>The value of <c>webhook-timestamp</c> (Unix seconds), or null when Standard Webhooks headers were not asked for.</summary>
    public string? StandardWebhookTimestamp { get; }

    /// <summary>The value of <c>webhook-signature</c> (<c>v1,&lt;base64&gt;</c> per secret, separated by a space), or null when not asked for.</summary>
    public string? StandardWebhookSignature { get; }

    /// <summary>Whether the Standard Webhooks headers were produced.</summary>
    public bool HasStandardWebhooks => StandardWebhookSignature is not null;

    /// <summary>The headers as name/value pairs: the three Ordinavo signature headers, then the Standard Webhooks ones if produced.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToHeaders()
    {
        var headers = new List<KeyValuePair<string, string>>(6)
        {
            new(WebhookHeaderNames.EventId, EventId),
            new(WebhookHeaderNames.Timestamp, Timestamp),
            new(WebhookHeaderNames.Signature, Signature),
        };
        if (StandardWebhookSignature is not null)
        {
            headers.Add(new(WebhookHeaderNames.StandardWebhookId, EventId));
            headers.Add(new(WebhookHeaderNames.StandardWebhookTimestamp, StandardWebhookTimestamp!));
            headers.Add(new(WebhookHeaderNames.StandardWebhookSignature, StandardWebhookSignature));
        }

        return headers;
    }

    /// <summary>Adds (or replaces) the headers of <see cref="ToHeaders"/> in <paramref name="headers"/>, such as <c>HttpRequestMessage.Headers</c>.</summary>
    public void AddTo(HttpHeaders headers)
    {
        if (headers is null)
        {
            throw new ArgumentNullException(nameof(headers));
        }

        foreach (var header in ToHeaders())
        {
            headers.Remove(header.Key);
            headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }
}
