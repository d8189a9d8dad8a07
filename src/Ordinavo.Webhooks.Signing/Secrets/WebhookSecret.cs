using System;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Ordinavo.Webhooks.Signing;

/// <summary>
/// A webhook signing secret: <c>whsec_</c> followed by the base64 of at least 32 random bytes; the HMAC key is the
/// decoded bytes. The value never appears in <see cref="ToString"/> or in exceptions; <see cref="ExposeSecret"/> returns
/// it on purpose (to store it, or to show it once to the integrator). An instance keeps its keyed HMAC state pooled,
/// so keep and reuse it rather than parsing the string per request. Thread-safe.
/// </summary>
public sealed class WebhookSecret : IEquatable<WebhookSecret>
{
    /// <summary>The prefix of every secret string.</summary>
    public const string Prefix = "whsec_";

    /// <summary>The fewest key bytes a secret may have.</summary>
    public const int MinimumKeyLength = 32;

    private const string Masked = Prefix + "***";

    private readonly byte[] _key;
    private readonly int _hashCode;
    private string? _wireValue;

    private WebhookSecret(byte[] key)
    {
        _key = key;
        Pool = new HmacPool(key);
#if NET
        Span<byte> fingerprint = stackalloc byte[32];
        SHA256.HashData(key, fingerprint);
        _hashCode = BitConverter.ToInt32(fingerprint);
#else
        using var sha = SHA256.Create();
        _hashCode = BitConverter.ToInt32(sha.ComputeHash(key), 0);
#endif
    }

    /// <summary>The number of key bytes (at least <see cref="MinimumKeyLength"/>).</summary>
    public int KeyLength => _key.Length;

    internal HmacPool Pool { get; }

    /// <summary>Creates a new secret from 32 cryptographically random bytes.</summary>
    public static WebhookSecret Generate()
    {
        var key = new byte[MinimumKeyLength];
#if NET
        RandomNumberGenerator.Fill(key);
#else
        using (var rng = RandomNumberGenerator.Create())
        {
            rng.GetBytes(key);
        }
#endif
        return new WebhookSecret(key);
    }

    /// <summary>Creates a secret from its key bytes (copied).</summary>
    /// <exception cref="WebhookSecretException">The key has fewer than 32 bytes (<see cref="WebhookSecretErrorReason.TooShort"/>).</exception>
    public static WebhookSecret FromKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyLength)
        {
            throw new WebhookSecretException(WebhookSecretErrorReason.TooShort);
        }

        return new WebhookSecret(key.ToArray());
    }

    /// <summary>Parses <c>whsec_&lt;base64&gt;</c>; surrounding white space is ignored.</summary>
    /// <exception cref="WebhookSecretException">The value is invalid; <see cref="WebhookSecretException.Reason"/> says why.</exception>
    public static WebhookSecret Parse(string value)
    {
        if (!TryParse(value, out var secret, out var error))
        {
            throw new WebhookSecretException(error);
        }

        return secret;
    }

    /// <summary>Parses <c>whsec_&lt;base64&gt;</c>; false when the value is invalid.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out WebhookSecret? secret) =>
        TryParse(value, out secret, out _);

    /// <summary>Parses <c>whsec_&lt;base64&gt;</c>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out WebhookSecret? secret, out WebhookSecretErrorReason error)
    {
        secret = null;
        if (value is null || string.IsNullOrWhiteSpace(value))
        {
            error = WebhookSecretErrorReason.Missing;
            return false;
        }

        var text = value.AsSpan().Trim();
        if (!text.StartsWith(Prefix.AsSpan(), StringComparison.Ordinal))
        {
            error = WebhookSecretErrorReason.WrongPrefix;
            return false;
        }

        var encoded = text.Slice(Prefix.Length);
        if (!TryDecodeBase64(encoded, out var key))
        {
            error = WebhookSecretErrorReason.InvalidBase64;
            return false;
        }

        if (key.Length < MinimumKeyLength)
        {
            Array.Clear(key, 0, key.Length);
            error = WebhookSecretErrorReason.TooShort;
            return false;
        }

        secret = new WebhookSecret(key);
        error = WebhookSecretErrorReason.None;
        return true;
    }

    /// <summary>Returns the secret's value, <c>whsec_&lt;base64 of the key&gt;</c>, to store it or show it once. Never log it.</summary>
    public string ExposeSecret() => _wireValue ??= Prefix + Convert.ToBase64String(_key);

    /// <summary>Always <c>whsec_***</c>: the value is never shown.</summary>
    public override string ToString() => Masked;

    /// <summary>Whether both secrets have the same key, compared in constant time.</summary>
    public bool Equals(WebhookSecret? other) =>
        other is not null && (ReferenceEquals(this, other) || SignatureAlgorithm.FixedTimeEquals(_key, other._key));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as WebhookSecret);

    /// <summary>A hash code derived from a SHA-256 fingerprint of the key (reveals nothing usable about the key).</summary>
    public override int GetHashCode() => _hashCode;

    private static bool TryDecodeBase64(ReadOnlySpan<char> encoded, out byte[] key)
    {
        key = [];
        if (encoded.IsEmpty)
        {
            return false;
        }

#if NET
        var buffer = new byte[(encoded.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out var written))
        {
            return false;
        }

        key = buffer.AsSpan(0, written).ToArray();
        Array.Clear(buffer);
        return true;
#else
        try
        {
            key = Convert.FromBase64String(encoded.ToString());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
#endif
    }
}
