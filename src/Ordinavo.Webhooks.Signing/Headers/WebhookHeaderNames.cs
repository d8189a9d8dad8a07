namespace Ordinavo.Webhooks.Signing;

/// <summary>
/// The names of the HTTP headers of an Ordinavo webhook request (wire contract, section 3) and of the optional
/// Standard Webhooks headers (section 4). HTTP header names are case-insensitive; these are the spellings sent.
/// </summary>
public static class WebhookHeaderNames
{
    /// <summary>The content type header; its value is <see cref="JsonContentType"/>.</summary>
    public const string ContentType = "Content-Type";

    /// <summary>The value of <see cref="ContentType"/> on every webhook request.</summary>
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>The body's eventId (<c>evt_</c> + ULID); part of the signed content.</summary>
    public const string EventId = "X-Ordinavo-Event-Id";

    /// <summary>The body's eventType, such as <c>visit_report.approved</c>.</summary>
    public const string EventType = "X-Ordinavo-Event-Type";

    /// <summary>When this attempt was signed, UTC, <c>yyyy-MM-ddTHH:mm:ssZ</c>; part of the signed content.</summary>
    public const string Timestamp = "X-Ordinavo-Timestamp";

    /// <summary><c>sha256=&lt;64 lowercase hex&gt;</c>; during secret rotation several entries separated by <c>", "</c>.</summary>
    public const string Signature = "X-Ordinavo-Signature";

    /// <summary><c>del_</c> + ULID: one attempt to one subscription.</summary>
    public const string DeliveryId = "X-Ordinavo-Delivery-Id";

    /// <summary>The attempt number: 1, 2, 3, ...</summary>
    public const string DeliveryAttempt = "X-Ordinavo-Delivery-Attempt";

    /// <summary>Standard Webhooks: the message id (the eventId).</summary>
    public const string StandardWebhookId = "webhook-id";

    /// <summary>Standard Webhooks: the signing time in Unix seconds.</summary>
    public const string StandardWebhookTimestamp = "webhook-timestamp";

    /// <summary>Standard Webhooks: <c>v1,&lt;base64&gt;</c>, several separated by a space during rotation.</summary>
    public const string StandardWebhookSignature = "webhook-signature";
}
