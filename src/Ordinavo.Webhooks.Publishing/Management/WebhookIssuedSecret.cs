using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// The answer to creating a subscription or rotating its secret: the subscription and its new secret. This is the
/// only time the secret's value is available; show it once to the integrator (<see cref="WebhookSecret.ExposeSecret"/>).
/// </summary>
public sealed class WebhookIssuedSecret
{
    /// <summary>The subscription after the change.</summary>
    public required WebhookSubscriptionInfo Subscription { get; init; }

    /// <summary>The new secret.</summary>
    public required WebhookSecret Secret { get; init; }
}
