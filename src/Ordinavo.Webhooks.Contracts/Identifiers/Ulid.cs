using System;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Ordinavo.Webhooks.Contracts;

/// <summary>
/// A ULID: 48 bits of Unix milliseconds and 80 random bits, written as 26 Crockford base32 characters that sort in
/// time order. <see cref="NewUlid()"/> is monotonic: within one millisecond each new value is the previous one plus one,
/// across all threads of the process.
/// </summary>
/// <remarks>
/// Internal on purpose: a public <c>Ulid</c> here would collide (CS0104) with the widely used <c>System.Ulid</c> of the
/// <c>Ulid</c> package in any file importing both namespaces. The public surface is the <c>evt_</c>/<c>del_</c> identifier
/// strings of <see cref="WebhookIdentifiers"/>.
/// </remarks>
internal readonly struct Ulid : IEquatable<Ulid>, IComparable<Ulid>
{
    /// <summary>The length of the text form.</summary>
    public const int Length = 26;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const long MaxTimestamp = (1L << 48) - 1;

    private static readonly object Gate = new();
    private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();
    private static readonly sbyte[] Decode = BuildDecodeTable();
    private const int RandomBytesPerUlid = 10;
    private static readonly byte[] RandomBuffer = new byte[510];
    private static int _randomUsed = RandomBuffer.Length;
    private static ulong _lastHigh;
    private static ulong _lastLow;

    // High: 48-bit timestamp << 16 | the top 16 random bits. Low: the other 64 random bits.
    private readonly ulong _high;
    private readonly ulong _low;

    private Ulid(ulong high, ulong low)
    {
        _high = high;
        _low = low;
    }

    /// <summary>The Unix time in milliseconds the ULID was made at.</summary>
    public long UnixMilliseconds => (long)(_high >> 16);

    /// <summary>The time the ULID was made at.</summary>
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds(UnixMilliseconds);

    /// <summary>A new ULID from the system clock.</summary>
    public static Ulid NewUlid() => NewUlid(DateTimeOffset.UtcNow);

    /// <summary>
    /// A new ULID for <paramref name="time"/>, greater than every ULID this process made before: when the time is not
    /// later than the last one's, the last value plus one is returned.
    /// </summary>
    public static Ulid NewUlid(DateTimeOffset time)
    {
        var ms = time.ToUnixTimeMilliseconds();
        if (ms < 0 || ms > MaxTimestamp)
        {
            throw new ArgumentOutOfRangeException(nameof(time), "A ULID holds times from 1970 to the year 10889.");
        }

        ulong high;
        ulong low;
        lock (Gate)
        {
            if ((_lastHigh >> 16) >= (ulong)ms)
            {
                // Same (or an earlier) millisecond: increment the previous value to stay monotonic.
                low = _lastLow + 1;
                high = low == 0 ? _lastHigh + 1 : _lastHigh;
            }
            else
            {
                // A new millisecond: 80 fresh random bits, taken from a buffer that is refilled from the CSPRNG in blocks
                // (one call into the crypto library per 51 ULIDs instead of one per ULID).
                if (_randomUsed + RandomBytesPerUlid > RandomBuffer.Length)
                {
                    Random.GetBytes(RandomBuffer);
                    _randomUsed = 0;
                }

                var r = RandomBuffer;
                var o = _randomUsed;
                high = ((ulong)ms << 16) | ((ulong)r[o] << 8) | r[o + 1];
                low = 0;
                for (var i = o + 2; i < o + RandomBytesPerUlid; i++)
                {
                    low = (low << 8) | r[i];
                }

                // Used random bytes are wiped, so the buffer never holds a past ULID's randomness.
                Array.Clear(r, o, RandomBytesPerUlid);
                _randomUsed = o + RandomBytesPerUlid;
            }

            _lastHigh = high;
            _lastLow = low;
        }

        return new Ulid(high, low);
    }

    /// <summary>Parses the 26-character text form (case-insensitive).</summary>
    /// <exception cref="FormatException">The text is not a ULID.</exception>
    public static Ulid Parse(string text) =>
        TryParse(text, out var ulid) ? ulid : throw new FormatException("The value is not a 26-character Crockford base32 ULID.");

    /// <summary>Parses the 26-character text form (case-insensitive) without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Ulid ulid) =>
        TryParse(text is null ? default : text.AsSpan(), out ulid) && text is not null;

    /// <summary>Parses the 26-character text form (case-insensitive) without throwing.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Ulid ulid)
    {
        ulid = default;
        if (text.Length != Length)
        {
            return false;
        }

        ulong high = 0;
        ulong low = 0;
        for (var i = 0; i < Length; i++)
        {
            var c = text[i];
            var value = c < 128 ? Decode[c] : -1;
            if (value < 0 || (i == 0 && value > 7))
            {
                return false;
            }

            // Shift the 128-bit value (high:low) left by 5 and add the digit.
            high = (high << 5) | (low >> 59);
            low = (low << 5) | (uint)value;
        }

        ulid = new Ulid(high, low);
        return true;
    }

    /// <summary>The 26-character upper-case Crockford base32 text form.</summary>
    public override string ToString() => ToString(string.Empty);

    /// <summary>
    /// <paramref name="prefix"/> followed by the text form, built as one string (identifiers are made per event and per
    /// attempt: no intermediate text and concatenation).
    /// </summary>
    public string ToString(string prefix)
    {
#if NET
        return string.Create(prefix.Length + Length, (Prefix: prefix, Ulid: this), static (chars, state) =>
        {
            state.Prefix.AsSpan().CopyTo(chars);
            state.Ulid.Write(chars.Slice(state.Prefix.Length));
        });
#else
        var chars = new char[prefix.Length + Length];
        prefix.CopyTo(0, chars, 0, prefix.Length);
        Write(chars.AsSpan(prefix.Length));
        return new string(chars);
#endif
    }

    private void Write(Span<char> destination)
    {
        for (var i = 0; i < Length; i++)
        {
            destination[i] = Alphabet[Digit(125 - (5 * i))];
        }
    }

    private int Digit(int shift)
    {
        ulong bits;
        if (shift >= 64)
        {
            bits = _high >> (shift - 64);
        }
        else if (shift + 5 <= 64)
        {
            bits = _low >> shift;
        }
        else
        {
            bits = (_low >> shift) | (_high << (64 - shift));
        }

        return (int)(bits & 31);
    }

    /// <inheritdoc />
    public bool Equals(Ulid other) => _high == other._high && _low == other._low;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Ulid other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (_high ^ _low).GetHashCode();

    /// <inheritdoc />
    public int CompareTo(Ulid other) => _high != other._high ? _high.CompareTo(other._high) : _low.CompareTo(other._low);

    /// <summary>Equality.</summary>
    public static bool operator ==(Ulid left, Ulid right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Ulid left, Ulid right) => !left.Equals(right);

    /// <summary>Time order.</summary>
    public static bool operator <(Ulid left, Ulid right) => left.CompareTo(right) < 0;

    /// <summary>Time order.</summary>
    public static bool operator >(Ulid left, Ulid right) => left.CompareTo(right) > 0;

    /// <summary>Time order.</summary>
    public static bool operator <=(Ulid left, Ulid right) => left.CompareTo(right) <= 0;

    /// <summary>Time order.</summary>
    public static bool operator >=(Ulid left, Ulid right) => left.CompareTo(right) >= 0;

    private static sbyte[] BuildDecodeTable()
    {
        var table = new sbyte[128];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = -1;
        }

        for (var i = 0; i < Alphabet.Length; i++)
        {
            table[Alphabet[i]] = (sbyte)i;
            table[char.ToLowerInvariant(Alphabet[i])] = (sbyte)i;
        }

        return table;
    }
}
