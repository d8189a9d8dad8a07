using System;
using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
#if NET
using System.Text;
#endif

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
    /// <remarks>netstandard2.0 lacks <c>CryptographicOperations.FixedTimeEquals</c>: the same loop, kept from being optimised.</remarks>
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

    /// <summary>Characters of a signature as <c>sha256=</c> sends it: 32 bytes as hex.</summary>
    public const int HexLength = 2 * MacLength;

    /// <summary>Characters of a signature as <c>v1,</c> sends it: 32 bytes as padded base64.</summary>
    public const int Base64Length = (MacLength + 2) / 3 * 4;

    /// <summary>Writes <paramref name="mac"/> as lowercase hex, in UTF-8, into the first <see cref="HexLength"/> bytes of <paramref name="utf8"/>.</summary>
    public static void EncodeHexLower(ReadOnlySpan<byte> mac, Span<byte> utf8)
    {
#if NET10_0_OR_GREATER
        Convert.TryToHexStringLower(mac, utf8, out _);
#else
        // No span-based lowercase hex encoder before .NET 9: the BCL's UTF-8 formatter, one byte at a time.
        var format = new StandardFormat('x', 2);
        for (var i = 0; i < mac.Length; i++)
        {
            Utf8Formatter.TryFormat(mac[i], utf8.Slice(2 * i, 2), out _, format);
        }
#endif
    }

    /// <summary>Writes <paramref name="mac"/> as standard padded base64, in UTF-8, and returns the number of bytes.</summary>
    public static int EncodeBase64(ReadOnlySpan<byte> mac, Span<byte> utf8)
    {
        Base64.EncodeToUtf8(mac, utf8, out _, out var written);
        return written;
    }

    /// <summary>
    /// Copies a received signature (<paramref name="hex"/>, <see cref="HexLength"/> characters) into
    /// <paramref name="utf8"/> in lowercase, the form <see cref="EncodeHexLower"/> writes; <see langword="false"/> when a
    /// character is not a hexadecimal digit (of either case).
    /// </summary>
    public static bool TryCopyHexLower(ReadOnlySpan<char> hex, Span<byte> utf8)
    {
#if NET
        return hex.IndexOfAnyExcept(HexDigits) < 0 && Ascii.ToLower(hex, utf8, out _) == OperationStatus.Done;
#else
        // netstandard2.0 has no span-based ASCII transcoder: narrow by hand, each character checked first.
        for (var i = 0; i < hex.Length; i++)
        {
            var c = hex[i];
            if (!Uri.IsHexDigit(c))
            {
                return false;
            }

            utf8[i] = (byte)(c | 0x20); // a hex digit: sets the lowercase bit of 'A'-'F', leaves '0'-'9' as they are
        }

        return true;
#endif
    }

    /// <summary>
    /// Copies a received signature (<paramref name="base64"/>, <see cref="Base64Length"/> characters) into
    /// <paramref name="utf8"/>, the form <see cref="EncodeBase64"/> writes; <see langword="false"/> unless it is the
    /// padded base64 of <see cref="MacLength"/> bytes.
    /// </summary>
    public static bool TryCopyBase64(ReadOnlySpan<char> base64, Span<byte> utf8)
    {
#if NET
        if (Ascii.FromUtf16(base64, utf8, out _) != OperationStatus.Done)
        {
            return false;
        }
#else
        // netstandard2.0 has no span-based ASCII transcoder: narrow by hand; the decoder below rejects what is not base64.
        for (var i = 0; i < base64.Length; i++)
        {
            var c = base64[i];
            if (c > 0x7F)
            {
                return false;
            }

            utf8[i] = (byte)c;
        }
#endif

        Span<byte> decoded = stackalloc byte[MacLength + 1];
        return Base64.DecodeFromUtf8(utf8.Slice(0, base64.Length), decoded, out _, out var written) == OperationStatus.Done && written == MacLength;
    }

    /// <summary>Writes the ASCII bytes <paramref name="ascii"/> as characters and returns their number.</summary>
    public static int WidenAscii(ReadOnlySpan<byte> ascii, Span<char> destination)
    {
#if NET
        return Encoding.ASCII.GetChars(ascii, destination);
#else
        // netstandard2.0 has no span-based ASCII decoder; the bytes are the encoders' output, ASCII by construction.
        for (var i = 0; i < ascii.Length; i++)
        {
            destination[i] = (char)ascii[i];
        }

        return ascii.Length;
#endif
    }

#if NET
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");
#endif

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
