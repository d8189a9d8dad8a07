using System;
using System.Diagnostics.CodeAnalysis;

namespace Ordinavo.Webhooks.Contracts;

/// <summary>
/// Event ids (<c>evt_</c> + ULID, one per business event, stable across retries and subscriptions) and delivery ids
/// (<c>del_</c> + ULID, one per attempt to one subscription): generation, parsing and validation.
/// </summary>
public static class WebhookIdentifiers
{
    /// <summary>The prefix of event ids.</summary>
    public const string EventIdPrefix = "evt_";

    /// <summary>The prefix of delivery ids.</summary>
    public const string DeliveryIdPrefix = "del_";

    /// <summary>The length of an event id or a delivery id.</summary>
    public const int IdLength = 4 + Ulid.Length;

    /// <summary>A new event id from the system clock.</summary>
    public static string NewEventId() => Ulid.NewUlid().ToString(EventIdPrefix);

    /// <summary>A new event id for a clock reading <paramref name="now"/> (for example <c>timeProvider.GetUtcNow()</c>).</summary>
    public static string NewEventId(DateTimeOffset now) => Ulid.NewUlid(now).ToString(EventIdPrefix);

    /// <summary>A new delivery id from the system clock.</summary>
    public static string NewDeliveryId() => Ulid.NewUlid().ToString(DeliveryIdPrefix);

    /// <summary>A new delivery id for a clock reading <paramref name="now"/> (for example <c>timeProvider.GetUtcNow()</c>).</summary>
    public static string NewDeliveryId(DateTimeOffset now) => Ulid.NewUlid(now).ToString(DeliveryIdPrefix);

    /// <summary>Whether <paramref name="value"/> is <c>evt_</c> followed by a valid ULID.</summary>
    public static bool IsValidEventId([NotNullWhen(true)] string? value) => TryParseEventId(value, out _);

    /// <summary>Whether <paramref name="value"/> is <c>del_</c> followed by a valid ULID.</summary>
    public static bool IsValidDeliveryId([NotNullWhen(true)] string? value) => TryParseDeliveryId(value, out _);

    /// <summary>Reads the ULID of an event id.</summary>
    internal static bool TryParseEventId([NotNullWhen(true)] string? value, out Ulid ulid) => TryParse(value, EventIdPrefix, out ulid);

    /// <summary>Reads the ULID of a delivery id.</summary>
    internal static bool TryParseDeliveryId([NotNullWhen(true)] string? value, out Ulid ulid) => TryParse(value, DeliveryIdPrefix, out ulid);

    private static bool TryParse(string? value, string prefix, out Ulid ulid)
    {
        ulid = default;
        return value is not null
               && value.Length == IdLength
               && value.StartsWith(prefix, StringComparison.Ordinal)
               && Ulid.TryParse(value.AsSpan(prefix.Length), out ulid);
    }
}
