using System;

namespace Ordinavo.Webhooks.Signing;

/// <summary>
/// The outcome of <see cref="WebhookVerifier"/>: a status, and what was learned from the headers. A value type, so
/// verifying allocates nothing. A default (unassigned) result is <see cref="WebhookVerificationStatus.NotVerified"/>, never
/// valid. Map it to the answer with contract section 6: <see cref="WebhookVerificationStatus.MissingHeader"/>
/// and <see cref="WebhookVerificationStatus.MalformedHeader"/> are 400, the two other failures 401.
/// </summary>
public struct WebhookVerificationResult : IEquatable<WebhookVerificationResult>
{
    internal WebhookVerificationResult(WebhookVerificationStatus status, WebhookSignatureScheme scheme, string? headerName,
        string? eventId, DateTimeOffset? timestamp, int matchedSecretIndex)
    {
        Status = status;
        Scheme = scheme;
        HeaderName = headerName;
        EventId = eventId;
        Timestamp = timestamp;
        MatchedSecretIndex = matchedSecretIndex;
    }

    /// <summary>The outcome.</summary>
    public WebhookVerificationStatus Status { get; }

    /// <summary>Whether the request is authentic and fresh.</summary>
    public readonly bool IsValid => Status == WebhookVerificationStatus.Valid;

    /// <summary>The headers that were verified; <see cref="WebhookSignatureScheme.None"/> if no signature header was found.</summary>
    public WebhookSignatureScheme Scheme { get; }

    /// <summary>The missing or malformed header for <see cref="WebhookVerificationStatus.MissingHeader"/> and <see cref="WebhookVerificationStatus.MalformedHeader"/>; otherwise null.</summary>
    public string? HeaderName { get; }

    /// <summary>The event id header's value (without surrounding white space) when present. Trust it only if <see cref="IsValid"/>.</summary>
    public string? EventId { get; }

    /// <summary>The signed timestamp when it was well-formed. Trust it only if <see cref="IsValid"/>.</summary>
    public DateTimeOffset? Timestamp { get; }

    /// <summary>The index (in the verifier's secrets) of the secret that matched, or -1. Shows when an old secret can be retired.</summary>
    public int MatchedSecretIndex { get; }

    /// <summary>Throws <see cref="WebhookSignatureException"/> unless <see cref="IsValid"/>.</summary>
    /// <exception cref="WebhookSignatureException">The request failed verification.</exception>
    public readonly void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new WebhookSignatureException(Status, HeaderName);
        }
    }

    /// <summary>A description naming the status and header, never a header value.</summary>
    public override readonly string ToString() => Describe(Status, HeaderName);

    /// <inheritdoc />
    public readonly bool Equals(WebhookVerificationResult other) =>
        Status == other.Status && Scheme == other.Scheme && string.Equals(HeaderName, other.HeaderName, StringComparison.Ordinal) &&
        string.Equals(EventId, other.EventId, StringComparison.Ordinal) && Timestamp == other.Timestamp &&
        MatchedSecretIndex == other.MatchedSecretIndex;

    /// <inheritdoc />
    public override readonly bool Equals(object? obj) => obj is WebhookVerificationResult other && Equals(other);

    /// <inheritdoc />
    public override readonly int GetHashCode() =>
        ((int)Status * 397) ^ ((int)Scheme * 31) ^ MatchedSecretIndex ^ (Timestamp?.GetHashCode() ?? 0);

    /// <summary>Whether two results are equal.</summary>
    public static bool operator ==(WebhookVerificationResult left, WebhookVerificationResult right) => left.Equals(right);

    /// <summary>Whether two results differ.</summary>
    public static bool operator !=(WebhookVerificationResult left, WebhookVerificationResult right) => !left.Equals(right);

    internal static string Describe(WebhookVerificationStatus status, string? headerName) => status switch
    {
        WebhookVerificationStatus.Valid => "The webhook signature is valid.",
        WebhookVerificationStatus.MissingHeader => $"The webhook header '{headerName}' is missing or empty.",
        WebhookVerificationStatus.MalformedHeader => $"The webhook header '{headerName}' is malformed.",
        WebhookVerificationStatus.TimestampOutsideTolerance => "The webhook timestamp is outside the allowed tolerance of the receiver's clock.",
        WebhookVerificationStatus.NoMatchingSignature => "No webhook signature matches any configured secret.",
        WebhookVerificationStatus.NotVerified => "The webhook request was not verified.",
        _ => "The webhook signature could not be verified.",
    };
}
