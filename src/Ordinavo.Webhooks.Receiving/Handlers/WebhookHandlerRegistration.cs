using System;
using System.Diagnostics.CodeAnalysis;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>One handler registration: which event types (exact, <c>category.*</c> or <c>*</c>) go to which handler type.</summary>
internal sealed record WebhookHandlerRegistration(string Pattern, Type HandlerType)
{
    public const string AllPattern = "*";

    public bool Matches(WebhookEventType eventType)
    {
        var value = eventType.Value;
        if (Pattern.Length == 1)
        {
            return true;
        }

        if (Pattern.EndsWith(".*", StringComparison.Ordinal))
        {
            var prefixLength = Pattern.Length - 1; // "visit_report." including the dot
            return value.Length > prefixLength && value.AsSpan().StartsWith(Pattern.AsSpan(0, prefixLength), StringComparison.Ordinal);
        }

        return string.Equals(value, Pattern, StringComparison.Ordinal);
    }

    /// <summary>Checks a pattern: <c>*</c>, a well-formed event type, or a well-formed prefix followed by <c>.*</c>.</summary>
    public static bool IsValidPattern([NotNullWhen(true)] string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return false;
        }

        if (pattern == AllPattern)
        {
            return true;
        }

        return pattern.EndsWith(".*", StringComparison.Ordinal)
            ? WebhookEventType.IsWellFormed(pattern.AsSpan(0, pattern.Length - 2))
            : WebhookEventType.IsWellFormed(pattern.AsSpan());
    }
}
