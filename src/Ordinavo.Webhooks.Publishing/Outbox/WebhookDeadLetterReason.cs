namespace Ordinavo.Webhooks.Publishing;

/// <summary>Why a delivery was dead-lettered.</summary>
public enum WebhookDeadLetterReason
{
    /// <summary>The last attempt of the retry schedule failed.</summary>
    RetriesExhausted = 0,

    /// <summary>The endpoint answered <c>410 Gone</c>: the subscription was disabled and the delivery not retried.</summary>
    EndpointGone = 1,

    /// <summary>The subscription is disabled; the delivery can be redelivered once it is enabled again.</summary>
    SubscriptionDisabled = 2,

    /// <summary>The subscription no longer exists in the subscription store.</summary>
    SubscriptionNotFound = 3,

    /// <summary>
    /// The endpoint is refused by the publisher's options whatever the time (a plain <c>http://</c> URL without
    /// <c>AllowInsecureHttp</c>): retrying cannot help. Fix the subscription's endpoint or the options, then redeliver.
    /// </summary>
    EndpointRefused = 4,
}
