namespace Ordinavo.Webhooks.Publishing;

/// <summary>Why a subscription is disabled.</summary>
public enum WebhookSubscriptionDisabledReason
{
    /// <summary>Disabled by the host or an operator.</summary>
    Manual = 0,

    /// <summary>The endpoint answered <c>410 Gone</c>.</summary>
    EndpointGone = 1,

    /// <summary>Every attempt failed for longer than the auto-disable period (default 5 days) without a single success.</summary>
    FailingTooLong = 2,
}
