using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Ordinavo.Webhooks.Contracts.Serialization;

namespace Ordinavo.Webhooks.Contracts;

/// <summary>
/// The type of a webhook event, such as <c>visit_report.approved</c>. An extensible enum: the 24 types of the
/// contract are static members, and any other well-formed name is a valid value too, so that a receiver built
/// against this version keeps working when Ordinavo adds event types.
/// </summary>
/// <remarks>
/// A well-formed name has 1 to 100 characters, consists of lower-case ASCII letters, digits and underscores in
/// segments separated by single dots, and starts with a letter. Comparison is ordinal.
/// </remarks>
[JsonConverter(typeof(WebhookEventTypeJsonConverter))]
public readonly struct WebhookEventType : IEquatable<WebhookEventType>, IComparable<WebhookEventType>
{
    /// <summary>The longest event type name accepted.</summary>
    public const int MaxLength = 100;

    private readonly string? _value;

    /// <summary>Creates an event type from its wire name.</summary>
    /// <param name="value">The wire name, such as <c>visit_report.approved</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a well-formed event type name.</exception>
    public WebhookEventType(string value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        if (!IsWellFormed(value.AsSpan()))
        {
            throw new ArgumentException(
                "An event type name has 1 to 100 characters: lower-case letters, digits and underscores in dot-separated segments, starting with a letter.",
                nameof(value));
        }

        _value = WebhookEventCatalog.Intern(value);
    }

    private WebhookEventType(string value, bool trusted)
    {
        _ = trusted;
        _value = value;
    }

    /// <summary>The wire name, such as <c>visit_report.approved</c>; empty for <c>default</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is <c>default</c> (no event type).</summary>
    public bool IsEmpty => _value is null;

    /// <summary>The business area, read from the part of the name before the first dot.</summary>
    public WebhookEventCategory Category
    {
        get
        {
            // A span, not a substring: the receiver asks for the category of every event it reads.
            var value = Value.AsSpan();
            var dot = value.IndexOf('.');
            var prefix = dot < 0 ? value : value.Slice(0, dot);
            return prefix switch
            {
                "target" => WebhookEventCategory.Target,
                "route" => WebhookEventCategory.Route,
                "appointment" => WebhookEventCategory.Appointment,
                "visit_report" => WebhookEventCategory.VisitReport,
                "billing" => WebhookEventCategory.Billing,
                _ => WebhookEventCategory.Unknown,
            };
        }
    }

    /// <summary>Whether this type is one of the contract's types known to this version of the package.</summary>
    public bool IsKnown => _value is not null && WebhookEventCatalog.TryGet(this, out _);

    /// <summary>Parses a wire name.</summary>
    /// <exception cref="FormatException"><paramref name="value"/> is not a well-formed event type name.</exception>
    public static WebhookEventType Parse(string value)
    {
        if (!TryParse(value, out var type))
        {
            throw new FormatException("The value is not a well-formed webhook event type name.");
        }

        return type;
    }

    /// <summary>Parses a wire name without throwing.</summary>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a well-formed event type name.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out WebhookEventType type)
    {
        if (value is null || !IsWellFormed(value.AsSpan()))
        {
            type = default;
            return false;
        }

        type = new WebhookEventType(WebhookEventCatalog.Intern(value), trusted: true);
        return true;
    }

    /// <summary>Whether <paramref name="value"/> is a well-formed event type name.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> value)
    {
        if (value.Length is 0 or > MaxLength || !IsLower(value[0]) || value[value.Length - 1] == '.')
        {
            return false;
        }

        var previousDot = false;
        foreach (var c in value)
        {
            if (c == '.')
            {
                if (previousDot)
                {
                    return false;
                }

                previousDot = true;
                continue;
            }

            if (!(IsLower(c) || c is >= '0' and <= '9' || c == '_'))
            {
                return false;
            }

            previousDot = false;
        }

        return true;

        static bool IsLower(char c) => c is >= 'a' and <= 'z';
    }

    internal static WebhookEventType Known(string value) => new(value, trusted: true);

    /// <summary><c>target.imported</c>: an inbound target was imported successfully.</summary>
    public static WebhookEventType TargetImported { get; } = Known("target.imported");

    /// <summary><c>target.rejected</c>: an inbound target was rejected.</summary>
    public static WebhookEventType TargetRejected { get; } = Known("target.rejected");

    /// <summary><c>target.updated</c>: an imported target was updated.</summary>
    public static WebhookEventType TargetUpdated { get; } = Known("target.updated");

    /// <summary><c>target.cancelled</c>: an imported target was cancelled.</summary>
    public static WebhookEventType TargetCancelled { get; } = Known("target.cancelled");

    /// <summary><c>target.scheduled</c>: a target was scheduled as an appointment.</summary>
    public static WebhookEventType TargetScheduled { get; } = Known("target.scheduled");

    /// <summary><c>target.completed</c>: the work of a target was completed.</summary>
    public static WebhookEventType TargetCompleted { get; } = Known("target.completed");

    /// <summary><c>target.follow_up_created</c>: a follow-up target was created from a visit.</summary>
    public static WebhookEventType TargetFollowUpCreated { get; } = Known("target.follow_up_created");

    /// <summary><c>route.suggestion.created</c>: a route suggestion was created.</summary>
    public static WebhookEventType RouteSuggestionCreated { get; } = Known("route.suggestion.created");

    /// <summary><c>route.published</c>: a route was published to an employee.</summary>
    public static WebhookEventType RoutePublished { get; } = Known("route.published");

    /// <summary><c>appointment.scheduled</c>: an appointment was scheduled.</summary>
    public static WebhookEventType AppointmentScheduled { get; } = Known("appointment.scheduled");

    /// <summary><c>appointment.started</c>: an employee started an appointment.</summary>
    public static WebhookEventType AppointmentStarted { get; } = Known("appointment.started");

    /// <summary><c>appointment.completed</c>: an employee completed an appointment.</summary>
    public static WebhookEventType AppointmentCompleted { get; } = Known("appointment.completed");

    /// <summary><c>appointment.problem_reported</c>: an employee reported a problem on an appointment.</summary>
    public static WebhookEventType AppointmentProblemReported { get; } = Known("appointment.problem_reported");

    /// <summary><c>appointment.cancelled</c>: an appointment was cancelled.</summary>
    public static WebhookEventType AppointmentCancelled { get; } = Known("appointment.cancelled");

    /// <summary><c>visit_report.created</c>: a visit report was created.</summary>
    public static WebhookEventType VisitReportCreated { get; } = Known("visit_report.created");

    /// <summary><c>visit_report.submitted</c>: a visit report was submitted for approval.</summary>
    public static WebhookEventType VisitReportSubmitted { get; } = Known("visit_report.submitted");

    /// <summary><c>visit_report.approved</c>: a visit report was approved.</summary>
    public static WebhookEventType VisitReportApproved { get; } = Known("visit_report.approved");

    /// <summary><c>visit_report.rejected</c>: a visit report was rejected.</summary>
    public static WebhookEventType VisitReportRejected { get; } = Known("visit_report.rejected");

    /// <summary><c>visit_report.follow_up_required</c>: a visit report requires follow-up work.</summary>
    public static WebhookEventType VisitReportFollowUpRequired { get; } = Known("visit_report.follow_up_required");

    /// <summary><c>visit_report.problem_reported</c>: a problem was reported on a visit report.</summary>
    public static WebhookEventType VisitReportProblemReported { get; } = Known("visit_report.problem_reported");

    /// <summary><c>billing.event_created</c>: a billable approved visit created a billing trigger event.</summary>
    public static WebhookEventType BillingEventCreated { get; } = Known("billing.event_created");

    /// <summary><c>billing.event_ready</c>: a billing trigger event is ready for the billing system.</summary>
    public static WebhookEventType BillingEventReady { get; } = Known("billing.event_ready");

    /// <summary><c>billing.event_sent</c>: a billing trigger event was handed to the billing system.</summary>
    public static WebhookEventType BillingEventSent { get; } = Known("billing.event_sent");

    /// <summary><c>billing.event_failed</c>: handing a billing trigger event over failed.</summary>
    public static WebhookEventType BillingEventFailed { get; } = Known("billing.event_failed");

    /// <inheritdoc />
    public bool Equals(WebhookEventType other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is WebhookEventType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <inheritdoc />
    public int CompareTo(WebhookEventType other) => string.CompareOrdinal(_value, other._value);

    /// <summary>The wire name.</summary>
    public override string ToString() => Value;

    /// <summary>Equality by wire name.</summary>
    public static bool operator ==(WebhookEventType left, WebhookEventType right) => left.Equals(right);

    /// <summary>Inequality by wire name.</summary>
    public static bool operator !=(WebhookEventType left, WebhookEventType right) => !left.Equals(right);

    /// <summary>Ordinal ordering by wire name.</summary>
    public static bool operator <(WebhookEventType left, WebhookEventType right) => left.CompareTo(right) < 0;

    /// <summary>Ordinal ordering by wire name.</summary>
    public static bool operator >(WebhookEventType left, WebhookEventType right) => left.CompareTo(right) > 0;

    /// <summary>Ordinal ordering by wire name.</summary>
    public static bool operator <=(WebhookEventType left, WebhookEventType right) => left.CompareTo(right) <= 0;

    /// <summary>Ordinal ordering by wire name.</summary>
    public static bool operator >=(WebhookEventType left, WebhookEventType right) => left.CompareTo(right) >= 0;

    /// <summary>Converts a wire name to an event type.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a well-formed event type name.</exception>
    public static implicit operator WebhookEventType(string value) => new(value);

    /// <summary>Creates an event type from its wire name (the named alternative to the implicit conversion).</summary>
    public static WebhookEventType FromString(string value) => new(value);
}
