using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Ordinavo.Webhooks.Contracts;

/// <summary>
/// Every event type of the contract with its category, a one-line description and the sections it carries.
/// The payload builder produces exactly these sections; the JSON Schemas and the event catalog document are
/// generated from this list.
/// </summary>
public static class WebhookEventCatalog
{
    private const WebhookSections Context = WebhookSections.CustomerContext;
    private const WebhookSections ReportOptional =
        WebhookSections.Target | WebhookSections.Appointment | Context | WebhookSections.SummaryPreview;

    private static readonly WebhookEventDescriptor[] Descriptors =
    [
        D(WebhookEventType.TargetImported, "Sent when an inbound target was imported successfully.", WebhookSections.Target),
        D(WebhookEventType.TargetRejected, "Sent when an inbound target was rejected; the problem section gives the reason code.",
            WebhookSections.Target | WebhookSections.Problem),
        D(WebhookEventType.TargetUpdated, "Sent when an imported target was updated.", WebhookSections.Target),
        D(WebhookEventType.TargetCancelled, "Sent when an imported target was cancelled.", WebhookSections.Target),
        D(WebhookEventType.TargetScheduled, "Sent when a target is scheduled as an appointment.",
            WebhookSections.Target | WebhookSections.Appointment, Context),
        D(WebhookEventType.TargetCompleted, "Sent when the work of a target was completed.",
            WebhookSections.Target, WebhookSections.Appointment | Context),
        D(WebhookEventType.TargetFollowUpCreated, "Sent when a follow-up target was created from a visit.",
            WebhookSections.Target, WebhookSections.VisitReport | Context),
        D(WebhookEventType.RouteSuggestionCreated, "Sent when a route suggestion was created.", WebhookSections.Route),
        D(WebhookEventType.RoutePublished, "Sent when a route was published to an employee.", WebhookSections.Route),
        D(WebhookEventType.AppointmentScheduled, "Sent when an appointment was scheduled.",
            WebhookSections.Appointment, WebhookSections.Target | Context),
        D(WebhookEventType.AppointmentStarted, "Sent when an employee starts an appointment.",
            WebhookSections.Appointment, WebhookSections.Target | Context),
        D(WebhookEventType.AppointmentCompleted, "Sent when an employee completes an appointment.",
            WebhookSections.Appointment, WebhookSections.Target | Context),
        D(WebhookEventType.AppointmentProblemReported, "Sent when an employee reports a problem on an appointment.",
            WebhookSections.Appointment | WebhookSections.Problem, WebhookSections.Target | Context),
        D(WebhookEventType.AppointmentCancelled, "Sent when an appointment was cancelled.",
            WebhookSections.Appointment, WebhookSections.Target | Context),
        D(WebhookEventType.VisitReportCreated, "Sent when a visit report was created.", WebhookSections.VisitReport, ReportOptional),
        D(WebhookEventType.VisitReportSubmitted, "Sent when a visit report was submitted for approval.", WebhookSections.VisitReport, ReportOptional),
        D(WebhookEventType.VisitReportApproved, "Sent when a visit report is approved.", WebhookSections.VisitReport, ReportOptional),
        D(WebhookEventType.VisitReportRejected, "Sent when a visit report was rejected.", WebhookSections.VisitReport, ReportOptional),
        D(WebhookEventType.VisitReportFollowUpRequired, "Sent when a report requires follow-up work.", WebhookSections.VisitReport, ReportOptional),
        D(WebhookEventType.VisitReportProblemReported, "Sent when a problem was reported on a visit report.",
            WebhookSections.VisitReport | WebhookSections.Problem, ReportOptional),
        D(WebhookEventType.BillingEventCreated, "Sent when a billable approved visit creates a billing trigger event.",
            WebhookSections.Billing, WebhookSections.VisitReport | WebhookSections.Target | Context),
        D(WebhookEventType.BillingEventReady, "Sent when a billing trigger event is ready for the billing system.",
            WebhookSections.Billing, WebhookSections.VisitReport | WebhookSections.Target | Context),
        D(WebhookEventType.BillingEventSent, "Sent when a billing trigger event was handed to the billing system.",
            WebhookSections.Billing, WebhookSections.VisitReport | WebhookSections.Target | Context),
        D(WebhookEventType.BillingEventFailed, "Sent when handing a billing trigger event to the billing system failed.",
            WebhookSections.Billing, WebhookSections.VisitReport | WebhookSections.Target | Context),
    ];

    private static readonly Dictionary<string, WebhookEventDescriptor> ByName = Index();

    private static readonly byte[][] Utf8Names = Array.ConvertAll(Descriptors, d => System.Text.Encoding.UTF8.GetBytes(d.Type.Value));

    /// <summary>Every event type of the contract, in the contract's order.</summary>
    public static IReadOnlyList<WebhookEventDescriptor> All => Descriptors;

    /// <summary>Looks up the descriptor of a known event type.</summary>
    /// <returns><see langword="false"/> for an event type this version of the package does not know.</returns>
    public static bool TryGet(WebhookEventType type, [NotNullWhen(true)] out WebhookEventDescriptor? descriptor)
    {
        if (type.IsEmpty)
        {
            descriptor = null;
            return false;
        }

        return ByName.TryGetValue(type.Value, out descriptor);
    }

    /// <summary>The descriptor of a known event type.</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not one of the contract's types.</exception>
    public static WebhookEventDescriptor Get(WebhookEventType type) =>
        TryGet(type, out var descriptor)
            ? descriptor
            : throw new ArgumentException("The event type is not one of the contract's event types.", nameof(type));

    /// <summary>
    /// Whether <paramref name="pattern"/> selects at least one event type of the catalog: <c>*</c>, a known event type,
    /// or a prefix followed by <c>.*</c> (<c>visit_report.*</c>) that some known type starts with.
    /// </summary>
    public static bool MatchesAny(string? pattern)
    {
        if (pattern is null)
        {
            return false;
        }

        pattern = pattern.Trim();
        if (pattern == "*")
        {
            return true;
        }

        if (pattern.EndsWith(".*", StringComparison.Ordinal))
        {
            var prefix = pattern.Substring(0, pattern.Length - 1);
            foreach (var descriptor in Descriptors)
            {
                if (descriptor.Type.Value.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        return ByName.ContainsKey(pattern);
    }

    /// <summary>
    /// The known event type or category pattern (<c>visit_report.*</c>) nearest to <paramref name="value"/> by edit
    /// distance, for "did you mean" hints; <see langword="null"/> when nothing is close.
    /// </summary>
    public static string? FindNearest(string? value)
    {
        if (string.IsNullOrEmpty(value) || value!.Length > WebhookEventType.MaxLength)
        {
            return null;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var descriptor in Descriptors)
        {
            var name = descriptor.Type.Value;
            var category = descriptor.Category switch
            {
                WebhookEventCategory.Target => "target.*",
                WebhookEventCategory.Route => "route.*",
                WebhookEventCategory.Appointment => "appointment.*",
                WebhookEventCategory.VisitReport => "visit_report.*",
                _ => "billing.*",
            };
            foreach (var candidate in new[] { name, category })
            {
                var distance = EditDistance(value, candidate);
                if (distance < bestDistance)
                {
                    (best, bestDistance) = (candidate, distance);
                }
            }
        }

        return bestDistance <= Math.Max(3, value.Length / 3) ? best : null;
    }

    /// <summary>Returns the catalog's string instance for a known name, so that equal names share one string.</summary>
    internal static string Intern(string value) =>
        ByName is not null && ByName.TryGetValue(value, out var descriptor) ? descriptor.Type.Value : value;

    /// <summary>
    /// The known event type whose name is <paramref name="utf8Name"/> (unescaped UTF-8), without making a string of it:
    /// readers of a body look the name up before they decode it.
    /// </summary>
    /// <returns><see langword="false"/> for any other name (decode it and use <see cref="WebhookEventType.TryParse"/>).</returns>
    internal static bool TryGetKnown(ReadOnlySpan<byte> utf8Name, out WebhookEventType type)
    {
        // 24 names: a scan with a length check before each comparison costs less than hashing the name.
        for (var i = 0; i < Utf8Names.Length; i++)
        {
            var name = Utf8Names[i];
            if (name.Length == utf8Name.Length && utf8Name.SequenceEqual(name))
            {
                type = Descriptors[i].Type;
                return true;
            }
        }

        type = default;
        return false;
    }

    private static WebhookEventDescriptor D(
        WebhookEventType type,
        string description,
        WebhookSections required,
        WebhookSections optional = WebhookSections.None) =>
        new(type, description, required, optional);

    // Levenshtein distance over a few dozen short names, for hints only: not worth a dependency.
    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static Dictionary<string, WebhookEventDescriptor> Index()
    {
        var index = new Dictionary<string, WebhookEventDescriptor>(StringComparer.Ordinal);
        foreach (var descriptor in Descriptors)
        {
            index.Add(descriptor.Type.Value, descriptor);
        }

        return index;
    }
}
