using System;
using System.Globalization;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>How the pages show times, durations, states and reasons (times in UTC, stated).</summary>
internal static class Format
{
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "–";

    /// <summary>The value of a <c>datetime-local</c> input (UTC).</summary>
    public static string InputTime(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : string.Empty;

    public static string Duration(TimeSpan duration) =>
        duration.TotalSeconds < 1
            ? ((int)Math.Round(duration.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + " ms"
            : duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static Html StateBadge(WebhookDeliveryState state) => state switch
    {
        WebhookDeliveryState.Succeeded => new Html("<span class=\"badge ok\">Succeeded</span>"),
        WebhookDeliveryState.DeadLettered => new Html("<span class=\"badge bad\">Dead-lettered</span>"),
        _ => new Html("<span class=\"badge warn\">Pending</span>"),
    };

    public static string DisabledReason(WebhookSubscriptionDisabledReason? reason) => reason switch
    {
        WebhookSubscriptionDisabledReason.EndpointGone => "the endpoint answered 410 Gone",
        WebhookSubscriptionDisabledReason.FailingTooLong => "every attempt failed for too long",
        _ => "disabled by an operator",
    };

    public static string DeadLetterReason(WebhookDeadLetterReason? reason) => reason switch
    {
        WebhookDeadLetterReason.RetriesExhausted => "retries exhausted",
        WebhookDeadLetterReason.EndpointGone => "the endpoint answered 410 Gone",
        WebhookDeadLetterReason.SubscriptionDisabled => "the subscription was disabled",
        WebhookDeadLetterReason.SubscriptionNotFound => "the subscription no longer exists",
        WebhookDeadLetterReason.EndpointRefused => "the endpoint's address is not allowed",
        null => string.Empty,
        { } other => other.ToString(),
    };

    public static string Status(int? statusCode, WebhookDeliveryErrorKind errorKind) =>
        (statusCode, errorKind) switch
        {
            (null, WebhookDeliveryErrorKind.None) => "–",
            ({ } code, WebhookDeliveryErrorKind.None or WebhookDeliveryErrorKind.HttpStatus) => code.ToString(CultureInfo.InvariantCulture),
            ({ } code, _) => code.ToString(CultureInfo.InvariantCulture) + " " + errorKind,
            (null, _) => errorKind.ToString(),
        };

    /// <summary>The endpoint's host and port (what the overview shows; the path may carry a token).</summary>
    public static string EndpointHost(Uri endpoint) => endpoint.IsDefaultPort ? endpoint.Host : endpoint.Host + ":" + endpoint.Port.ToString(CultureInfo.InvariantCulture);
}
