using System;
#if !NET
using System.Buffers;
#endif
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Ordinavo.Webhooks.Signing;

/// <summary>
/// The signature algorithm of the wire contract (section 4): HMAC-SHA256 over
/// <c>UTF-8("{id}.{timestamp}.")</c> followed by the raw body, and the encodings around it.
/// </summary>
internal static class SignatureAlgorithm
{
    /// <summary>Bytes of an HMAC-SHA256 value.</summary>
    public const int MacLength = 32;

    /// <summary>The longest event id accepted or signed, in characters.</summary>
    public const int MaxEventIdLength = 128;

    /// <summary>The longest timestamp accepted (Unix seconds of year 9999 have 12 digits; the ISO form has 20).</summary>
    public const int MaxTimestampLength = 20;

    /// <summary>The largest signed prefix: id, dot, timestamp, dot.</summary>
    public const int MaxPrefixLength = MaxEventIdLength + MaxTimestampLength + 2;

    /// <summary>Whether <paramref name="eventId"/> is 1 to 128 visible ASCII characters (0x21 to 0x7E).</summary>
    public static bool IsValidEventId(ReadOnlySpan<char> eventId)
    {
        if (eventId.IsEmpty || eventId.Length > MaxEventIdLength)
        {
            return false;
        }

        foreach (var c in eventId)
        {
            if (c < '!' || c > '~')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes <c>"{id}.{timestamp}."</c> as ASCII (both parts are validated ASCII) and returns its length.</summary>
    public static int WritePrefix(ReadOnlySpan<char> eventId, ReadOnlySpan<char> timestamp, Span<byte> destination)
    {
        var n = 0;
        foreach (var c in eventId)
        {
            destination[n++] = (byte)c;
        }

        destination[n++] = (byte)'.';
        foreach (var c in timestamp)
        {
            destination[n++] = (byte)c;
        }

        destination[n++] = (byte)'.';
        return n;
    }

    /// <summary>Computes HMAC-SHA256(key, prefix || body) with a pooled keyed state of <paramref name="pool"/>.</summary>
    public static void ComputeMac(HmacPool pool, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, Span<byte> mac)
    {
        var hmac = pool.Rent();
        var clean = false;
        try
        {
#if NET
            hmac.AppendData(prefix);
            hmac.AppendData(body);
            hmac.TryGetHashAndReset(mac, out _);
#else
            AppendChunked(hmac, prefix);
            AppendChunked(hmac, body);
            hmac.GetHashAndReset().AsSpan().CopyTo(mac);
#endif
            clean = true;
        }
        finally
        {
            if (clean)
            {
                pool.Return(hmac);
            }
            else
            {
                hmac.Dispose();
            }
        }
    }

#if !NET
    private static void AppendChunked(IncrementalHash hmac, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(data.Length, 16 * 1024));
        try
        {
            while (!data.IsEmpty)
            {
                var n = Math.Min(data.Length, buffer.Length);
                data.Slice(0, n).CopyTo(buffer);
                hmac.AppendData(buffer, 0, n);
                data = data.Slice(n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
#endif

    /// <summary>Compares two byte sequences in time that depends only on their length.</summary>
#if NET
    public static bool FixedTimeEquals(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
        CryptographicOperations.FixedTimeEquals(left, right);
#else
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    public static bool FixedTimeEquals(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        var accumulator = 0;
        for (var i = 0; i < left.Length; i++)
        {
            accumulator |= left[i] - right[i];
        }

        return accumulator == 0;
    }
#endif

    /// <summary>Writes <paramref name="bytes"/> as lowercase hex.</summary>
    public static void WriteHexLower(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        const string digits = "0123456789abcdef";
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = digits[bytes[i] >> 4];
            destination[(2 * i) + 1] = digits[bytes[i] & 0xF];
        }
    }

    /// <summary>Decodes exactly <c>2 * destination.Length</c> hex digits of either case; false for anything else.</summary>
    public static bool TryDecodeHex(ReadOnlySpan<char> hex, Span<byte> destination)
    {
        if (hex.Length != destination.Length * 2)
        {
            return false;
        }

        // Branch-free: a signature's digits are random, so a branch per digit class would be mispredicted about half the
        // time. Every character goes through the table; one check at the end (a non-ASCII character or an entry of 0xFF
        // sets bits above the low nibble). What was written is meaningless when the result is false.
        var table = HexDigits;
        var invalid = 0;
        for (var i = 0; i < destination.Length; i++)
        {
            int high = hex[2 * i];
            int low = hex[(2 * i) + 1];
            invalid |= (high | low) & ~0x7F;
            var highValue = table[high & 0x7F];
            var lowValue = table[low & 0x7F];
            invalid |= (highValue | lowValue) & 0xF0;
            destination[i] = (byte)((highValue << 4) | lowValue);
        }

        return invalid == 0;
    }

    /// <summary>The value of each ASCII character as a hexadecimal digit (either case), 0xFF when it is none.</summary>
    private static ReadOnlySpan<byte> HexDigits =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    ];

    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>Writes <paramref name="bytes"/> as standard padded base64 and returns the number of characters.</summary>
    public static int WriteBase64(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        var n = 0;
        var i = 0;
        for (; i + 3 <= bytes.Length; i += 3)
        {
            var v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
            destination[n++] = Base64Alphabet[(v >> 18) & 63];
            destination[n++] = Base64Alphabet[(v >> 12) & 63];
            destination[n++] = Base64Alphabet[(v >> 6) & 63];
            destination[n++] = Base64Alphabet[v & 63];
        }

        var rest = bytes.Length - i;
        if (rest > 0)
        {
            var v = bytes[i] << 16;
            if (rest == 2)
            {
                v |= bytes[i + 1] << 8;
            }

            destination[n++] = Base64Alphabet[(v >> 18) & 63];
            destination[n++] = Base64Alphabet[(v >> 12) & 63];
            destination[n++] = rest == 2 ? Base64Alphabet[(v >> 6) & 63] : '=';
            destination[n++] = '=';
        }

        return n;
    }

    /// <summary>
    /// Decodes strict standard base64 (padded, no white space) of exactly <c>destination.Length</c> bytes; false for
    /// anything else. Same behaviour on every target framework.
    /// </summary>
    public static bool TryDecodeBase64Exact(ReadOnlySpan<char> text, Span<byte> destination)
    {
        var expectedChars = (destination.Length + 2) / 3 * 4;
        if (text.Length != expectedChars)
        {
            return false;
        }

        var padding = destination.Length % 3 == 0 ? 0 : 3 - (destination.Length % 3);
        var written = 0;
        for (var i = 0; i < text.Length; i += 4)
        {
            var v = 0;
            var last = i + 4 == text.Length;
            for (var j = 0; j < 4; j++)
            {
                var c = text[i + j];
                int digit;
                if (last && j >= 4 - padding)
                {
                    if (c != '=')
                    {
                        return false;
                    }

                    digit = 0;
                }
                else
                {
                    digit = Base64Value(c);
                    if (digit < 0)
                    {
                        return false;
                    }
                }

                v = (v << 6) | digit;
            }

            for (var k = 0; k < 3 && written < destination.Length; k++)
            {
                destination[written++] = (byte)(v >> (16 - (8 * k)));
            }

            if (last && padding > 0 && (v & ((1 << (8 * padding)) - 1)) != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static int Base64Value(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '+' => 62,
        '/' => 63,
        _ => -1,
    };

    /// <summary>Trims the optional white space (spaces and tabs) HTTP allows around a field value.</summary>
    public static ReadOnlySpan<char> TrimOws(ReadOnlySpan<char> value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && (value[start] == ' ' || value[start] == '\t'))
        {
            start++;
        }

        while (end > start && (value[end - 1] == ' ' || value[end - 1] == '\t'))
        {
            end--;
        }

        return value.Slice(start, end - start);
    }
}
