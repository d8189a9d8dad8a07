using System;
using System.Collections.Generic;
using System.Globalization;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>Parses query string values, collecting one message per invalid parameter (reported together as a 400).</summary>
internal sealed class AdminQueryErrors
{
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public bool HasErrors => Errors.Count > 0;

    public int? Int(string name, string? value, int min, int max)
    {
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        Errors[name] = [$"Must be a whole number from {min} to {max}."];
        return null;
    }

    public long? Long(string name, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        Errors[name] = ["Must be a whole number."];
        return null;
    }

    public DateTimeOffset? Time(string name, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        Errors[name] = ["Must be an ISO 8601 date and time, for example 2026-01-31T08:00:00Z."];
        return null;
    }

    public TEnum? Enum<TEnum>(string name, string? value)
        where TEnum : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        if (System.Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && !int.TryParse(value, out _) && System.Enum.IsDefined(parsed))
        {
            return parsed;
        }

        Errors[name] = [$"Must be one of: {string.Join(", ", System.Enum.GetNames<TEnum>())}."];
        return null;
    }

    public string? Text(string name, string? value, int maxLength)
    {
        if (value is null || value.Length <= maxLength)
        {
            return value;
        }

        Errors[name] = [$"Must be at most {maxLength} characters."];
        return null;
    }
}
