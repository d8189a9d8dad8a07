namespace Ordinavo.Webhooks.Signing;

/// <summary>Why a webhook secret string was rejected.</summary>
public enum WebhookSecretErrorReason
{
    /// <summary>No error: the secret is valid.</summary>
    None = 0,

    /// <summary>The value is null, empty or white space.</summary>
    Missing = 1,

    /// <summary>The value does not start with <c>whsec_</c>.</summary>
    WrongPrefix = 2,

    /// <summary>The part after <c>whsec_</c> is not valid base64.</summary>
    InvalidBase64 = 3,

    /// <summary>The key has fewer than 32 bytes.</summary>
    TooShort = 4,
}
