using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;

namespace Ordinavo.Webhooks.Signing;

/// <summary>
/// Signs webhook attempts with one or more secrets (several during rotation: every active secret of the subscription).
/// Keep one instance per set of secrets; it is thread-safe and does no key set-up per call.
/// </summary>
public sealed class WebhookSigner
{
    private const string SignaturePrefix = "sha256=";
    private const int HexLength = SignatureAlgorithm.HexLength;
    private const int EntryLength = 7 + HexLength; // "sha256=" + hex
    private const int StandardEntryLength = 3 + SignatureAlgorithm.Base64Length; // "v1," + base64

    private readonly WebhookSecret[] _secrets;

    /// <summary>Creates a signer for <paramref name="secrets"/> (at least one).</summary>
    /// <exception cref="ArgumentException">No secret, or a null one.</exception>
    public WebhookSigner(params WebhookSecret[] secrets)
        : this((IEnumerable<WebhookSecret>)secrets)
    {
    }

    /// <summary>Creates a signer for <paramref name="secrets"/> (at least one; copied).</summary>
    /// <exception cref="ArgumentException">No secret, or a null one.</exception>
    public WebhookSigner(IEnumerable<WebhookSecret> secrets)
    {
        if (secrets is null)
        {
            throw new ArgumentNullException(nameof(secrets));
        }

        var list = new List<WebhookSecret>(secrets);
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one secret is required.", nameof(secrets));
        }

        if (list.Contains(null!))
        {
            throw new ArgumentException("A secret is null.", nameof(secrets));
        }

        _secrets = list.ToArray();
        Secrets = new ReadOnlyCollection<WebhookSecret>(_secrets);
    }

    /// <summary>The secrets this signer signs with, in the order of the signature entries.</summary>
    public IReadOnlyList<WebhookSecret> Secrets { get; }

    /// <summary>Signs one attempt with a single secret without keeping a signer (the secret's pooled state is still reused).</summary>
    /// <inheritdoc cref="Sign(string, DateTimeOffset, ReadOnlySpan{byte}, bool)"/>
    public static WebhookSignatureHeaders SignOnce(WebhookSecret secret, string eventId, DateTimeOffset timestamp, ReadOnlySpan<byte> body, bool includeStandardWebhooks = false)
    {
        if (secret is null)
        {
            throw new ArgumentNullException(nameof(secret));
        }

        return Sign([secret], eventId, timestamp, body, includeStandardWebhooks);
    }

    /// <summary>
    /// Signs one attempt: <c>HMAC-SHA256(key, "{eventId}.{timestamp}." + body)</c> per secret, where the timestamp is
    /// <paramref name="timestamp"/> in UTC, truncated to the second, formatted <c>yyyy-MM-ddTHH:mm:ssZ</c>.
    /// </summary>
    /// <param name="eventId">The body's eventId: 1 to 128 visible ASCII characters.</param>
    /// <param name="timestamp">When this attempt is signed (usually <c>TimeProvider.GetUtcNow()</c>).</param>
    /// <param name="body">The exact body bytes that will be sent.</param>
    /// <param name="includeStandardWebhooks">Whether to produce the Standard Webhooks headers as well.</param>
    /// <returns>The header values.</returns>
    /// <exception cref="ArgumentException"><paramref name="eventId"/> is not 1 to 128 visible ASCII characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Standard Webhooks headers were asked for a timestamp before 1970.</exception>
    public WebhookSignatureHeaders Sign(string eventId, DateTimeOffset timestamp, ReadOnlySpan<byte> body, bool includeStandardWebhooks = false) =>
        Sign(_secrets, eventId, timestamp, body, includeStandardWebhooks);

    private static WebhookSignatureHeaders Sign(WebhookSecret[] secrets, string eventId, DateTimeOffset timestamp, ReadOnlySpan<byte> body, bool includeStandardWebhooks)
    {
        if (eventId is null)
        {
            throw new ArgumentNullException(nameof(eventId));
        }

        if (!SignatureAlgorithm.IsValidEventId(eventId.AsSpan()))
        {
            throw new ArgumentException("The event id must be 1 to 128 visible ASCII characters.", nameof(eventId));
        }

        var utc = TimestampFormat.TruncateToUtcSecond(timestamp);
        long unixSeconds = TimestampFormat.ToUnixSeconds(utc);
        if (includeStandardWebhooks && unixSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timestamp), "Standard Webhooks timestamps cannot be before 1970-01-01.");
        }

        Span<char> iso = stackalloc char[TimestampFormat.IsoLength];
        TimestampFormat.WriteIso(utc, iso);

        Span<byte> prefix = stackalloc byte[SignatureAlgorithm.MaxPrefixLength];
        var prefixLength = SignatureAlgorithm.WritePrefix(eventId.AsSpan(), iso, prefix);
        var signature = FormatSignature(secrets, prefix.Slice(0, prefixLength), body);

        string? standardTimestamp = null;
        string? standardSignature = null;
        if (includeStandardWebhooks)
        {
            standardTimestamp = unixSeconds.ToString(CultureInfo.InvariantCulture);
            prefixLength = SignatureAlgorithm.WritePrefix(eventId.AsSpan(), standardTimestamp.AsSpan(), prefix);
            Span<byte> mac = stackalloc byte[SignatureAlgorithm.MacLength];
            Span<byte> encoded = stackalloc byte[SignatureAlgorithm.Base64Length];
            var standardChars = new char[(secrets.Length * StandardEntryLength) + (secrets.Length - 1)];
            var at = 0;
            for (var i = 0; i < secrets.Length; i++)
            {
                if (i > 0)
                {
                    standardChars[at++] = ' ';
                }

                SignatureAlgorithm.ComputeMac(secrets[i].Pool, prefix.Slice(0, prefixLength), body, mac);
                standardChars[at++] = 'v';
                standardChars[at++] = '1';
                standardChars[at++] = ',';
                SignatureAlgorithm.EncodeBase64(mac, encoded);
                at += SignatureAlgorithm.WidenAscii(encoded, standardChars.AsSpan(at));
            }

            standardSignature = new string(standardChars);
        }

        return new WebhookSignatureHeaders(eventId, iso.ToString(), signature, standardTimestamp, standardSignature);
    }

    /// <summary>Computes one MAC per secret and formats <c>sha256=&lt;hex&gt;[, sha256=&lt;hex&gt;...]</c>.</summary>
    private static string FormatSignature(WebhookSecret[] secrets, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body)
    {
        var length = (secrets.Length * EntryLength) + ((secrets.Length - 1) * 2);
        var macs = ArrayPool<byte>.Shared.Rent(secrets.Length * SignatureAlgorithm.MacLength);
        try
        {
            for (var i = 0; i < secrets.Length; i++)
            {
                SignatureAlgorithm.ComputeMac(secrets[i].Pool, prefix, body, macs.AsSpan(i * SignatureAlgorithm.MacLength, SignatureAlgorithm.MacLength));
            }

#if NET
            return string.Create(length, (macs, secrets.Length), static (chars, state) => WriteEntries(state.macs, state.Item2, chars));
#else
            var chars = new char[length];
            WriteEntries(macs, secrets.Length, chars);
            return new string(chars);
#endif
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(macs, clearArray: true);
        }
    }

    private static void WriteEntries(byte[] macs, int count, Span<char> destination)
    {
        Span<byte> encoded = stackalloc byte[HexLength];
        var at = 0;
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                destination[at++] = ',';
                destination[at++] = ' ';
            }

            SignaturePrefix.AsSpan().CopyTo(destination.Slice(at));
            SignatureAlgorithm.EncodeHexLower(macs.AsSpan(i * SignatureAlgorithm.MacLength, SignatureAlgorithm.MacLength), encoded);
            SignatureAlgorithm.WidenAscii(encoded, destination.Slice(at + SignaturePrefix.Length));
            at += EntryLength;
        }
    }
}
