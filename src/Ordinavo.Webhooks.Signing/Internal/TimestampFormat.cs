using System;

namespace Ordinavo.Webhooks.Signing;

/// <summary>The two timestamp forms on the wire: <c>yyyy-MM-ddTHH:mm:ssZ</c> (Ordinavo) and Unix seconds (Standard Webhooks).</summary>
internal static class TimestampFormat
{
    /// <summary>Length of <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public const int IsoLength = 20;

    /// <summary>Unix seconds of 9999-12-31T23:59:59Z, the last second a <see cref="DateTimeOffset"/> holds.</summary>
    private const long MaxUnixSeconds = 253_402_300_799;

    private const long UnixEpochTicks = 621_355_968_000_000_000;

    /// <summary>Converts to UTC and drops the fraction of a second.</summary>
    public static DateTimeOffset TruncateToUtcSecond(DateTimeOffset value)
    {
        var utcTicks = value.UtcTicks;
        return new DateTimeOffset(utcTicks - (utcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    /// <summary>Writes <c>yyyy-MM-ddTHH:mm:ssZ</c> of a UTC value (20 characters).</summary>
    public static void WriteIso(DateTimeOffset utc, Span<char> destination)
    {
        var d = utc.UtcDateTime;
        Write4(destination, 0, d.Year);
        destination[4] = '-';
        Write2(destination, 5, d.Month);
        destination[7] = '-';
        Write2(destination, 8, d.Day);
        destination[10] = 'T';
        Write2(destination, 11, d.Hour);
        destination[13] = ':';
        Write2(destination, 14, d.Minute);
        destination[16] = ':';
        Write2(destination, 17, d.Second);
        destination[19] = 'Z';
    }

    /// <summary>Unix seconds of a UTC value (negative before 1970).</summary>
    public static long ToUnixSeconds(DateTimeOffset utc) => (utc.UtcTicks - UnixEpochTicks) / TimeSpan.TicksPerSecond;

    /// <summary>Parses exactly <c>yyyy-MM-ddTHH:mm:ssZ</c> with a real calendar date; no other form.</summary>
    public static bool TryParseIso(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length != IsoLength || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
        {
            return false;
        }

        if (!TryDigits(s, 0, 4, out var year) || !TryDigits(s, 5, 2, out var month) || !TryDigits(s, 8, 2, out var day) ||
            !TryDigits(s, 11, 2, out var hour) || !TryDigits(s, 14, 2, out var minute) || !TryDigits(s, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) ||
            hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    /// <summary>Parses 1 to 12 ASCII digits of Unix seconds (0 to year 9999); no sign, no fraction.</summary>
    public static bool TryParseUnix(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        if (s.IsEmpty || s.Length > 12)
        {
            return false;
        }

        long seconds = 0;
        foreach (var c in s)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }

            seconds = (seconds * 10) + (c - '0');
        }

        if (seconds > MaxUnixSeconds)
        {
            return false;
        }

        value = new DateTimeOffset(UnixEpochTicks + (seconds * TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var c = s[i];
            if (c < '0' || c > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static void Write4(Span<char> destination, int at, int value)
    {
        destination[at] = (char)('0' + (value / 1000));
        destination[at + 1] = (char)('0' + (value / 100 % 10));
        destination[at + 2] = (char)('0' + (value / 10 % 10));
        destination[at + 3] = (char)('0' + (value % 10));
    }

    private static void Write2(Span<char> destination, int at, int value)
    {
        destination[at] = (char)('0' + (value / 10));
        destination[at + 1] = (char)('0' + (value % 10));
    }
}
