using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Encrypts subscription secrets for the database with ASP.NET Core Data Protection (the host's key ring), so the
/// database alone never yields a usable secret.
/// </summary>
internal sealed class SubscriptionSecretProtector(IDataProtectionProvider provider)
{
    /// <summary>The Data Protection purpose: a ciphertext made for it cannot be read under any other purpose.</summary>
    public const string Purpose = "Ordinavo.Webhooks.Publishing.SubscriptionSecrets.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(WebhookSecret secret) => _protector.Protect(secret.ExposeSecret());

    public WebhookSecret Unprotect(string subscriptionId, string ciphertext)
    {
        string value;
        try
        {
            value = _protector.Unprotect(ciphertext);
        }
        catch (CryptographicException exception)
        {
            throw new WebhookPublishingException(WebhookPublishingErrorReason.SecretUnreadable,
                $"The secrets of subscription '{subscriptionId}' cannot be decrypted with this application's Data Protection key ring. " +
                "Every node must share one key ring and application name (services.AddDataProtection().PersistKeysTo...().SetApplicationName(...)); " +
                "if the keys are lost, rotate the subscription's secret.", exception);
        }

        return WebhookSecret.Parse(value);
    }
}
