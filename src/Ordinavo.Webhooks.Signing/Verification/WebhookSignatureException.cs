using System;

namespace Ordinavo.Webhooks.Signing;

/// <summary>
/// A webhook request failed signature verification (thrown by <see cref="WebhookVerifier.VerifyOrThrow(string, string, string, ReadOnlySpan{byte})"/>
/// and <see cref="WebhookVerificationResult.ThrowIfInvalid"/>). The message names the reason and the header; it never
/// contains header values, secrets or the body.
/// </summary>
public sealed class WebhookSignatureException : Exception
{
    /// <summary>Creates the exception for <paramref name="reason"/>, naming <paramref name="headerName"/> if given.</summary>
    public WebhookSignatureException(WebhookVerificationStatus reason, string? headerName)
        : base(WebhookVerificationResult.Describe(reason, headerName))
    {
        Reason = reason;
        HeaderName = headerName;
    }

    /// <summary>Creates the exception with a generic message (for serializers and frameworks).</summary>
    public WebhookSignatureException()
        : this(WebhookVerificationStatus.NoMatchingSignature, null)
    {
    }

    /// <summary>Creates the exception with a message (for serializers and frameworks).</summary>
    public WebhookSignatureException(string message)
        : base(message)
    {
        Reason = WebhookVerificationStatus.NoMatchingSignature;
    }

    /// <summary>Creates the exception with a message and an inner exception (for serializers and frameworks).</summary>
    public WebhookSignatureException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = WebhookVerificationStatus.NoMatchingSignature;
    }

    /// <summary>Why verification failed.</summary>
    public WebhookVerificationStatus Reason { get; }

    /// <summary>The missing or malformed header, when the reason concerns one header.</summary>
    public string? HeaderName { get; }
}
