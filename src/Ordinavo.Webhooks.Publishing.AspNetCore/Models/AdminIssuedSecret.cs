namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>
/// The answer to creating a subscription or rotating its secret: the subscription and the new secret. This is the
/// only time the secret's value is shown; hand it to the integrator now.
/// </summary>
public sealed class AdminIssuedSecret
{
    /// <summary>The subscription after the change.</summary>
    public required AdminSubscription Subscription { get; init; }

    /// <summary>The new secret (<c>whsec_</c> + base64), shown once.</summary>
    public required string Secret { get; init; }

    internal static AdminIssuedSecret From(WebhookIssuedSecret issued) => new()
    {
        Subscription = AdminSubscription.From(issued.Subscription),
        Secret = issued.Secret.ExposeSecret(),
    };
}
