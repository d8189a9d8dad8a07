using System;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>The outcome of one attempt: its record and the answer's <c>Retry-After</c> (as a delay from the answer).</summary>
internal readonly record struct SendResult(WebhookDeliveryAttempt Attempt, TimeSpan? RetryAfter)
{
    public bool TimedOutOrThrottled => Attempt.ErrorKind == WebhookDeliveryErrorKind.Timeout || Attempt.StatusCode == 429;

    public bool IsGone => Attempt.StatusCode == 410;
}
