namespace Ordinavo.Webhooks.Signing;

/// <summary>The outcome of verifying a webhook request's signature.</summary>
public enum WebhookVerificationStatus
{
    /// <summary>
    /// Nothing was verified: the value of an unassigned <see cref="WebhookVerificationResult"/>. The verifier never returns
    /// it; it exists so that a default result is never mistaken for a valid one.
    /// </summary>
    NotVerified = 0,

    /// <summary>The signature matches one of the secrets and the timestamp is within tolerance.</summary>
    Valid = 1,

    /// <summary>A required header is absent or empty (answer 400).</summary>
    MissingHeader = 2,

    /// <summary>A header is present but not in its required form (answer 400).</summary>
    MalformedHeader = 3,

    /// <summary>The signed timestamp is further from the receiver's clock than the tolerance, in either direction (answer 401).</summary>
    TimestampOutsideTolerance = 4,

    /// <summary>No signature entry matches any secret (answer 401).</summary>
    NoMatchingSignature = 5,
}
