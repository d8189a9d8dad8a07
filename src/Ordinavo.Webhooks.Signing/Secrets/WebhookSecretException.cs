using System;

namespace Ordinavo.Webhooks.Signing;

/// <summary>
/// A webhook secret could not be parsed or created. The message names the reason; it never contains the secret's value.
/// </summary>
public sealed class WebhookSecretException : Exception
{
    /// <summary>Creates the exception for <paramref name="reason"/> with a standard message.</summary>
    public WebhookSecretException(WebhookSecretErrorReason reason)
        : base(Describe(reason))
    {
        Reason = reason;
    }

    /// <summary>Creates the exception with a generic message (for serializers and frameworks).</summary>
    public WebhookSecretException()
        : this(WebhookSecretErrorReason.Missing)
    {
    }

    /// <summary>Creates the exception with a message (for serializers and frameworks). Never pass the secret's value.</summary>
    public WebhookSecretException(string message)
        : base(message)
    {
        Reason = WebhookSecretErrorReason.Missing;
    }

    /// <summary>Creates the exception with a message and an inner exception (for serializers and frameworks).</summary>
    public WebhookSecretException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = WebhookSecretErrorReason.Missing;
    }

    /// <summary>Why the secret was rejected.</summary>
    public WebhookSecretErrorReason Reason { get; }

    internal static string Describe(WebhookSecretErrorReason reason) => reason switch
    {
        WebhookSecretErrorReason.Missing => "The webhook secret is missing (null, empty or white space).",
        WebhookSecretErrorReason.WrongPrefix => "The webhook secret must start with 'whsec_'.",
        WebhookSecretErrorReason.InvalidBase64 => "The webhook secret is not 'whsec_' followed by valid base64.",
        WebhookSecretErrorReason.TooShort => "The webhook secret's key must have at least 32 bytes.",
        _ => "The webhook secret is invalid.",
    };
}
