namespace Ordinavo.Webhooks.Signing;

/// <summary>Which set of headers a request was verified with.</summary>
public enum WebhookSignatureScheme
{
    /// <summary>Not determined (no signature header was found).</summary>
    None = 0,

    /// <summary><c>X-Ordinavo-Event-Id</c>, <c>X-Ordinavo-Timestamp</c>, <c>X-Ordinavo-Signature</c>.</summary>
    Ordinavo = 1,

    /// <summary><c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c> (Standard Webhooks).</summary>
    StandardWebhooks = 2,
}
