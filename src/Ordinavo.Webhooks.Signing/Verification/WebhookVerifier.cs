using System;
using System.Collections.Generic;

namespace Ordinavo.Webhooks.Signing;

/// <summary>
/// Verifies webhook requests: the signature over <c>"{id}.{timestamp}."</c> + raw body with any configured secret, in
/// constant time, and the timestamp against the clock with a tolerance in both directions. Never throws for bad input:
/// the result says what is wrong. Create one per set of secrets and reuse it; it is thread-safe and allocates nothing
/// per call on .NET 8 and later.
/// </summary>
public sealed class WebhookVerifier
{
    private readonly WebhookSecret[] _secrets;
    private readonly TimeSpan _tolerance;
    private readonly TimeProvider _timeProvider;
    private readonly bool _acceptStandardWebhooks;

    /// <summary>Creates a verifier from a snapshot of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">No secret, a null secret, a tolerance that is not positive, or no time provider.</exception>
    public WebhookVerifier(WebhookVerifierOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var secrets = new List<WebhookSecret>(options.Secrets);
        if (secrets.Count == 0)
        {
            throw new ArgumentException("At least one secret is required.", nameof(options));
        }

        if (secrets.Contains(null!))
        {
            throw new ArgumentException("A secret is null.", nameof(options));
        }

        if (options.Tolerance <= TimeSpan.Zero)
        {
            throw new ArgumentException("The tolerance must be positive.", nameof(options));
        }

        _secrets = secrets.ToArray();
        _tolerance = options.Tolerance;
        _timeProvider = options.TimeProvider ?? throw new ArgumentException("A time provider is required.", nameof(options));
        _acceptStandardWebhooks = options.AcceptStandardWebhooks;
    }

    /// <summary>
    /// Verifies a request from its headers: the Ordinavo headers when <c>X-Ordinavo-Signature</c> is present, otherwise
    /// (if accepted) the Standard Webhooks headers. Pass a struct <typeparamref name="THeaders"/> to avoid boxing.
    /// </summary>
    /// <param name="headers">The request's headers.</param>
    /// <param name="body">The raw body bytes, exactly as received (before any JSON parsing).</param>
    public WebhookVerificationResult Verify<THeaders>(THeaders headers, ReadOnlySpan<byte> body)
        where THeaders : IWebhookHeaderReader
    {
        if (headers is null)
        {
            return Missing(WebhookSignatureScheme.None, WebhookHeaderNames.Signature);
        }

        var signature = headers.GetValue(WebhookHeaderNames.Signature);
        if (!IsBlank(signature))
        {
            return Verify(headers.GetValue(WebhookHeaderNames.EventId), headers.GetValue(WebhookHeaderNames.Timestamp), signature, body);
        }

        if (_acceptStandardWebhooks)
        {
            var standardSignature = headers.GetValue(WebhookHeaderNames.StandardWebhookSignature);
            if (!IsBlank(standardSignature))
            {
                return VerifyStandardWebhooks(
                    headers.GetValue(WebhookHeaderNames.StandardWebhookId),
                    headers.GetValue(WebhookHeaderNames.StandardWebhookTimestamp),
                    standardSignature,
                    body);
            }
        }

        return Missing(WebhookSignatureScheme.None, WebhookHeaderNames.Signature);
    }

    /// <summary>Verifies a request signed with the Ordinavo headers, given their values (null or empty = absent).</summary>
    /// <param name="eventId">The value of <c>X-Ordinavo-Event-Id</c>.</param>
    /// <param name="timestamp">The value of <c>X-Ordinavo-Timestamp</c>.</param>
    /// <param name="signature">The value of <c>X-Ordinavo-Signature</c>.</param>
    /// <param name="body">The raw body bytes, exactly as received (before any JSON parsing).</param>
    public WebhookVerificationResult Verify(string? eventId, string? timestamp, string? signature, ReadOnlySpan<byte> body) =>
        VerifyCore(WebhookSignatureScheme.Ordinavo, eventId, timestamp, signature, body);

    /// <summary>Verifies a request signed with the Standard Webhooks headers, given their values (null or empty = absent).</summary>
    /// <param name="webhookId">The value of <c>webhook-id</c>.</param>
    /// <param name="webhookTimestamp">The value of <c>webhook-timestamp</c> (Unix seconds).</param>
    /// <param name="webhookSignature">The value of <c>webhook-signature</c>.</param>
    /// <param name="body">The raw body bytes, exactly as received (before any JSON parsing).</param>
    public WebhookVerificationResult VerifyStandardWebhooks(string? webhookId, string? webhookTimestamp, string? webhookSignature, ReadOnlySpan<byte> body) =>
        VerifyCore(WebhookSignatureScheme.StandardWebhooks, webhookId, webhookTimestamp, webhookSignature, body);

    /// <summary>Like <see cref="Verify(string, string, string, ReadOnlySpan{byte})"/>, but throws unless valid.</summary>
    /// <exception cref="WebhookSignatureException">The request failed verification; <see cref="WebhookSignatureException.Reason"/> says why.</exception>
    public WebhookVerificationResult VerifyOrThrow(string? eventId, string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        var result = Verify(eventId, timestamp, signature, body);
        result.ThrowIfInvalid();
        return result;
    }

    /// <summary>Like <see cref="Verify{THeaders}(THeaders, ReadOnlySpan{byte})"/>, but throws unless valid.</summary>
    /// <exception cref="WebhookSignatureException">The request failed verification; <see cref="WebhookSignatureException.Reason"/> says why.</exception>
    public WebhookVerificationResult VerifyOrThrow<THeaders>(THeaders headers, ReadOnlySpan<byte> body)
        where THeaders : IWebhookHeaderReader
    {
        var result = Verify(headers, body);
        result.ThrowIfInvalid();
        return result;
    }

    private WebhookVerificationResult VerifyCore(WebhookSignatureScheme scheme, string? eventIdValue, string? timestampValue, string? signatureValue, ReadOnlySpan<byte> body)
    {
        var standard = scheme == WebhookSignatureScheme.StandardWebhooks;
        var idName = standard ? WebhookHeaderNames.StandardWebhookId : WebhookHeaderNames.EventId;
        var timestampName = standard ? WebhookHeaderNames.StandardWebhookTimestamp : WebhookHeaderNames.Timestamp;
        var signatureName = standard ? WebhookHeaderNames.StandardWebhookSignature : WebhookHeaderNames.Signature;

        var id = SignatureAlgorithm.TrimOws(eventIdValue.AsSpan());
        var timestampText = SignatureAlgorithm.TrimOws(timestampValue.AsSpan());
        var signature = SignatureAlgorithm.TrimOws(signatureValue.AsSpan());
        if (id.IsEmpty)
        {
            return Missing(scheme, idName);
        }

        var eventId = id.Length == eventIdValue!.Length ? eventIdValue : id.ToString();
        if (timestampText.IsEmpty)
        {
            return new(WebhookVerificationStatus.MissingHeader, scheme, timestampName, eventId, null, -1);
        }

        if (signature.IsEmpty)
        {
            return new(WebhookVerificationStatus.MissingHeader, scheme, signatureName, eventId, null, -1);
        }

        if (!SignatureAlgorithm.IsValidEventId(id))
        {
            return new(WebhookVerificationStatus.MalformedHeader, scheme, idName, eventId, null, -1);
        }

        var parsed = standard ? TimestampFormat.TryParseUnix(timestampText, out var timestamp) : TimestampFormat.TryParseIso(timestampText, out timestamp);
        if (!parsed)
        {
            return new(WebhookVerificationStatus.MalformedHeader, scheme, timestampName, eventId, null, -1);
        }

        if (!HasWellFormedEntry(signature, standard))
        {
            return new(WebhookVerificationStatus.MalformedHeader, scheme, signatureName, eventId, timestamp, -1);
        }

        var distance = _timeProvider.GetUtcNow() - timestamp;
        if (distance > _tolerance || distance < -_tolerance)
        {
            return new(WebhookVerificationStatus.TimestampOutsideTolerance, scheme, null, eventId, timestamp, -1);
        }

        // As the Svix verifier does: compute the expected signature, encode it as the header carries it (BCL encoders),
        // and compare it with each received entry's bytes in constant time. Nothing received is decoded.
        Span<byte> prefix = stackalloc byte[SignatureAlgorithm.MaxPrefixLength];
        var prefixLength = SignatureAlgorithm.WritePrefix(id, timestampText, prefix);
        Span<byte> mac = stackalloc byte[SignatureAlgorithm.MacLength];
        Span<byte> expected = stackalloc byte[SignatureAlgorithm.HexLength];
        Span<byte> received = stackalloc byte[SignatureAlgorithm.HexLength];
        var encodedLength = standard ? SignatureAlgorithm.Base64Length : SignatureAlgorithm.HexLength;
        expected = expected.Slice(0, encodedLength);
        received = received.Slice(0, encodedLength);
        for (var i = 0; i < _secrets.Length; i++)
        {
            SignatureAlgorithm.ComputeMac(_secrets[i].Pool, prefix.Slice(0, prefixLength), body, mac);
            if (standard)
            {
                SignatureAlgorithm.EncodeBase64(mac, expected);
            }
            else
            {
                SignatureAlgorithm.EncodeHexLower(mac, expected);
            }

            if (AnyEntryMatches(signature, standard, expected, received))
            {
                return new(WebhookVerificationStatus.Valid, scheme, null, eventId, timestamp, i);
            }
        }

        return new(WebhookVerificationStatus.NoMatchingSignature, scheme, null, eventId, timestamp, -1);
    }

    private static bool HasWellFormedEntry(ReadOnlySpan<char> header, bool standard)
    {
        Span<byte> scratch = stackalloc byte[SignatureAlgorithm.HexLength];
        var rest = header;
        while (NextEntry(ref rest, standard, out var entry))
        {
            if (TryCopyEntry(entry, standard, scratch))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyEntryMatches(ReadOnlySpan<char> header, bool standard, ReadOnlySpan<byte> expected, Span<byte> received)
    {
        var rest = header;
        var matched = false;
        while (NextEntry(ref rest, standard, out var entry))
        {
            // Every well-formed entry is compared (no early exit), each in constant time.
            if (TryCopyEntry(entry, standard, received) && SignatureAlgorithm.FixedTimeEquals(received, expected))
            {
                matched = true;
            }
        }

        return matched;
    }

    /// <summary>Splits off the next entry: on <c>','</c> for Ordinavo, on spaces for Standard Webhooks.</summary>
    private static bool NextEntry(ref ReadOnlySpan<char> rest, bool standard, out ReadOnlySpan<char> entry)
    {
        while (!rest.IsEmpty)
        {
            var end = standard ? rest.IndexOfAny(' ', '\t') : rest.IndexOf(',');
            if (end < 0)
            {
                entry = SignatureAlgorithm.TrimOws(rest);
                rest = default;
            }
            else
            {
                entry = SignatureAlgorithm.TrimOws(rest.Slice(0, end));
                rest = rest.Slice(end + 1);
            }

            if (!entry.IsEmpty)
            {
                return true;
            }
        }

        entry = default;
        return false;
    }

    /// <summary>
    /// Copies the signature of <c>sha256=&lt;64 hex, either case&gt;</c> (lowercased) or <c>v1,&lt;base64 of 32 bytes&gt;</c>
    /// into <paramref name="encoded"/> as ASCII bytes; false for anything else.
    /// </summary>
    private static bool TryCopyEntry(ReadOnlySpan<char> entry, bool standard, Span<byte> encoded)
    {
        if (standard)
        {
            return entry.Length == 3 + SignatureAlgorithm.Base64Length && entry[0] == 'v' && entry[1] == '1' && entry[2] == ',' &&
                SignatureAlgorithm.TryCopyBase64(entry.Slice(3), encoded);
        }

        const string prefix = "sha256=";
        return entry.Length == prefix.Length + SignatureAlgorithm.HexLength &&
            entry.StartsWith(prefix.AsSpan(), StringComparison.OrdinalIgnoreCase) &&
            SignatureAlgorithm.TryCopyHexLower(entry.Slice(prefix.Length), encoded);
    }

    private static bool IsBlank(string? value) => SignatureAlgorithm.TrimOws(value.AsSpan()).IsEmpty;

    private static WebhookVerificationResult Missing(WebhookSignatureScheme scheme, string headerName) =>
        new(WebhookVerificationStatus.MissingHeader, scheme, headerName, null, null, -1);
}
