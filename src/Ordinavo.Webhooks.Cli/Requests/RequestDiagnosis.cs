using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Cli.Requests;

/// <summary>
/// Verifies a captured request and explains the outcome: which header is missing, how far the timestamp is from now
/// against the tolerance, which secret matches an entry, and how the body relates to an original.
/// </summary>
internal sealed class RequestDiagnosis
{
    private RequestDiagnosis() { }

    /// <summary>The library's verdict (real clock, all secrets).</summary>
    public WebhookVerificationResult Result { get; private init; }

    /// <summary>The headers checked, in order, with whether each is present.</summary>
    public IReadOnlyList<KeyValuePair<string, bool>> Headers { get; private init; } = [];

    /// <summary>The signing time, when the timestamp header is well-formed.</summary>
    public DateTimeOffset? SignedAt { get; private init; }

    /// <summary>Now minus the signing time (positive: in the past).</summary>
    public TimeSpan? Age { get; private init; }

    /// <summary>The tolerance.</summary>
    public TimeSpan Tolerance { get; private init; }

    /// <summary>The number of signature entries, and of well-formed ones.</summary>
    public (int Total, int WellFormed) Entries { get; private init; }

    /// <summary>Per secret (in the order given): whether it matches an entry, apart from the timestamp's age.</summary>
    public IReadOnlyList<bool> SecretMatches { get; private init; } = [];

    /// <summary>The comparison with <c>--original</c>, when given.</summary>
    public BodyComparison? Original { get; private init; }

    /// <summary>Whether the signature matches the original body (apart from the timestamp's age), when given.</summary>
    public bool? SignatureMatchesOriginal { get; private init; }

    /// <summary>The exit code (see <see cref="ExitCodes"/>).</summary>
    public int ExitCode => Result.Status switch
    {
        WebhookVerificationStatus.Valid => ExitCodes.Success,
        WebhookVerificationStatus.MissingHeader => ExitCodes.MissingHeader,
        WebhookVerificationStatus.MalformedHeader => ExitCodes.MalformedHeader,
        WebhookVerificationStatus.TimestampOutsideTolerance => ExitCodes.TimestampOutsideTolerance,
        _ when Original?.Kind == BodyComparisonKind.Reserialized => ExitCodes.BodyReserialized,
        _ when Original?.Kind is BodyComparisonKind.Modified or BodyComparisonKind.NotComparable => ExitCodes.BodyModified,
        _ => ExitCodes.NoMatchingSignature,
    };

    /// <summary>A stable code for the verdict (JSON output).</summary>
    public string Code => ExitCode switch
    {
        ExitCodes.Success => "valid",
        ExitCodes.MissingHeader => "missing_header",
        ExitCodes.MalformedHeader => "malformed_header",
        ExitCodes.TimestampOutsideTolerance => "timestamp_outside_tolerance",
        ExitCodes.BodyReserialized => "body_reserialized",
        ExitCodes.BodyModified => "body_modified",
        _ => "no_matching_signature",
    };

    /// <summary>One sentence that says what is wrong, precisely.</summary>
    public string Reason => ExitCode switch
    {
        ExitCodes.Success => $"The signature is valid: secret #{Result.MatchedSecretIndex + 1} matches and the timestamp is within the tolerance.",
        ExitCodes.MissingHeader => $"The header {Result.HeaderName} is missing or empty.",
        ExitCodes.MalformedHeader => Result.HeaderName == WebhookHeaderNames.Signature || Result.HeaderName == WebhookHeaderNames.StandardWebhookSignature
            ? $"The header {Result.HeaderName} has no well-formed entry (expected sha256=<64 hex> for Ordinavo, v1,<base64> for Standard Webhooks)."
            : $"The header {Result.HeaderName} is malformed.",
        ExitCodes.TimestampOutsideTolerance => $"The request was signed {Describe(Age!.Value)} {(Age.Value >= TimeSpan.Zero ? "ago" : "in the future")}, more than the tolerance of {Describe(Tolerance)}" +
            (SecretMatches.Contains(true) ? "; the signature itself matches." : "; besides, no entry matches any secret."),
        ExitCodes.BodyReserialized => "No entry matches: the body is " + Original!.Description + "." +
            (SignatureMatchesOriginal == true ? " The signature matches the original body." : string.Empty),
        ExitCodes.BodyModified => "No entry matches: the body is " + Original!.Description + "." +
            (SignatureMatchesOriginal == true ? " The signature matches the original body." : string.Empty),
        _ => Original?.Kind == BodyComparisonKind.Identical
            ? "No entry matches any given secret, and the body is the original: the secret is wrong."
            : "No entry matches any given secret: either the secret is wrong or the body was changed (give --original to tell which).",
    };

    /// <summary>Diagnoses <paramref name="request"/>.</summary>
    public static RequestDiagnosis Diagnose(CapturedRequest request, IReadOnlyList<WebhookSecret> secrets, TimeSpan tolerance, byte[]? original, TimeProvider clock)
    {
        var headers = new DictionaryHeaderReader(request.Headers);
        var options = new WebhookVerifierOptions { Tolerance = tolerance, TimeProvider = clock, AcceptStandardWebhooks = true };
        foreach (var secret in secrets)
        {
            options.Secrets.Add(secret);
        }

        var result = new WebhookVerifier(options).Verify(headers, request.Body);
        var standard = result.Scheme == WebhookSignatureScheme.StandardWebhooks;
        string[] names = standard
            ? [WebhookHeaderNames.StandardWebhookId, WebhookHeaderNames.StandardWebhookTimestamp, WebhookHeaderNames.StandardWebhookSignature]
            : [WebhookHeaderNames.EventId, WebhookHeaderNames.Timestamp, WebhookHeaderNames.Signature];
        var present = names.Select(n => KeyValuePair.Create(n, !string.IsNullOrWhiteSpace(headers.GetValue(n)))).ToList();
        var signedAt = ParseTimestamp(headers.GetValue(names[1]), standard);
        var signature = headers.GetValue(names[2]) ?? string.Empty;
        var entries = signature.Split(standard ? ' ' : ',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var wellFormed = entries.Count(e => standard
            ? e.StartsWith("v1,", StringComparison.Ordinal)
            : e.Length == 71 && e.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase) && e[7..].All(Uri.IsHexDigit));

        var matches = signedAt is { } at ? secrets.Select(s => Matches(s, headers, request.Body, at)).ToList() : [.. secrets.Select(_ => false)];
        BodyComparison? comparison = null;
        bool? matchesOriginal = null;
        if (original is not null)
        {
            comparison = BodyComparison.Compare(request.Body, original);
            matchesOriginal = signedAt is { } at2 && secrets.Any(s => Matches(s, headers, original, at2));
        }

        return new RequestDiagnosis
        {
            Result = result,
            Headers = present,
            SignedAt = signedAt,
            Age = signedAt is { } t ? clock.GetUtcNow() - t : null,
            Tolerance = tolerance,
            Entries = (entries.Length, wellFormed),
            SecretMatches = matches,
            Original = comparison,
            SignatureMatchesOriginal = matchesOriginal,
        };
    }

    /// <summary>A duration for humans: <c>12 min 3 s</c>.</summary>
    public static string Describe(TimeSpan span)
    {
        span = span.Duration();
        if (span.TotalDays >= 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d {span.Hours} h {span.Minutes} min");
        }

        if (span.TotalHours >= 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min {span.Seconds} s");
        }

        return span.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalSeconds} s");
    }

    private static bool Matches(WebhookSecret secret, DictionaryHeaderReader headers, byte[] body, DateTimeOffset signedAt)
    {
        var options = new WebhookVerifierOptions { TimeProvider = new FixedTimeProvider(signedAt), AcceptStandardWebhooks = true };
        options.Secrets.Add(secret);
        return new WebhookVerifier(options).Verify(headers, body).IsValid;
    }

    private static DateTimeOffset? ParseTimestamp(string? value, bool standard)
    {
        value = value?.Trim();
        if (standard)
        {
            return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) && unix < 253402300800
                ? DateTimeOffset.FromUnixTimeSeconds(unix)
                : null;
        }

        return DateTimeOffset.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
    }
}
