using System;
using System.Collections.Generic;
using System.Linq;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Which event types a subscription receives: all (<c>*</c> or no pattern), exact types (<c>visit_report.approved</c>) or
/// a prefix wildcard (<c>visit_report.*</c> matches every type that starts with <c>visit_report.</c>, also
/// <c>route.*</c> matches <c>route.suggestion.created</c>).
/// </summary>
public sealed class WebhookEventFilter
{
    private readonly string[] _exact;
    private readonly string[] _prefixes;

    /// <summary>Creates a filter from patterns; none, or <c>*</c> among them, means all event types.</summary>
    /// <exception cref="ArgumentException">A pattern is not <c>*</c>, a well-formed event type or a well-formed prefix followed by <c>.*</c>.</exception>
    public WebhookEventFilter(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var list = new List<string>();
        var exact = new List<string>();
        var prefixes = new List<string>();
        foreach (var raw in patterns)
        {
            var pattern = raw?.Trim() ?? string.Empty;
            if (pattern == "*")
            {
                MatchesAll = true;
            }
            else if (pattern.EndsWith(".*", StringComparison.Ordinal) && WebhookEventType.IsWellFormed(pattern.AsSpan(0, pattern.Length - 2)))
            {
                prefixes.Add(pattern[..^1]);
            }
            else if (WebhookEventType.IsWellFormed(pattern))
            {
                exact.Add(pattern);
            }
            else
            {
                throw new ArgumentException(
                    $"The event type pattern '{Printable(pattern)}' is not '*', an event type such as 'visit_report.approved' or a prefix such as 'visit_report.*'.",
                    nameof(patterns));
            }

            list.Add(pattern);
        }

        MatchesAll |= list.Count == 0;
        Patterns = list;
        _exact = [.. exact.Distinct(StringComparer.Ordinal)];
        _prefixes = [.. prefixes.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Creates a filter from patterns (see the constructor).</summary>
    public static WebhookEventFilter Create(params string[] patterns) => new(patterns);

    /// <summary>The filter that matches every event type.</summary>
    public static WebhookEventFilter All { get; } = new([]);

    /// <summary>The patterns as given.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>Whether every event type matches.</summary>
    public bool MatchesAll { get; }

    /// <summary>Whether <paramref name="eventType"/> matches the filter.</summary>
    public bool Matches(WebhookEventType eventType) => Matches(eventType.Value);

    /// <summary>Whether <paramref name="eventType"/> matches the filter.</summary>
    public bool Matches(string eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        if (MatchesAll)
        {
            return true;
        }

        foreach (var exact in _exact)
        {
            if (string.Equals(exact, eventType, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var prefix in _prefixes)
        {
            if (eventType.Length > prefix.Length && eventType.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The patterns, comma-separated (<c>*</c> for all).</summary>
    public override string ToString() => Patterns.Count == 0 ? "*" : string.Join(", ", Patterns);

    private static string Printable(string value) =>
        value.Length > 64 ? value[..64] + "..." : value;
}
