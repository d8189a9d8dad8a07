using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>The deliveries table's filters, read from the query string; each invalid value is named in <see cref="Errors"/>.</summary>
internal sealed class DeliveryFilter
{
    private const int MaxTextLength = 256;

    public string? SubscriptionId { get; private init; }

    public string? EventType { get; private init; }

    public string? EventId { get; private init; }

    public WebhookDeliveryState? State { get; private init; }

    public DateTimeOffset? CreatedFrom { get; private init; }

    public DateTimeOffset? CreatedBefore { get; private init; }

    public string? After { get; private init; }

    public List<string> Errors { get; } = [];

    public static DeliveryFilter Parse(IQueryCollection query)
    {
        var errors = new List<string>();
        var filter = new DeliveryFilter
        {
            SubscriptionId = Text(query, "subscription", "Subscription", errors),
            EventType = Text(query, "eventType", "Event type", errors),
            EventId = Text(query, "eventId", "Event id", errors),
            State = ParseState(query["state"].ToString(), errors),
            CreatedFrom = ParseTime(query["from"].ToString(), "From", errors),
            CreatedBefore = ParseTime(query["to"].ToString(), "To", errors),
            After = Text(query, "after", "Page", errors),
        };
        if (filter.CreatedFrom is { } from && filter.CreatedBefore is { } before && from >= before)
        {
            errors.Add("From must be earlier than To.");
        }

        filter.Errors.AddRange(errors);
        return filter;
    }

    /// <summary>The query string of these filters (without the page), with <paramref name="after"/> when given.</summary>
    public string QueryString(string? after = null)
    {
        var values = new List<KeyValuePair<string, string?>>();
        Add(values, "subscription", SubscriptionId);
        Add(values, "eventType", EventType);
        Add(values, "eventId", EventId);
        Add(values, "state", State?.ToString());
        Add(values, "from", Format.InputTime(CreatedFrom));
        Add(values, "to", Format.InputTime(CreatedBefore));
        Add(values, "after", after);
        return QueryHelpers.AddQueryString(string.Empty, values);
    }

    public WebhookDeliveryQuery ToQuery(string tenant, int limit) => new()
    {
        // The tenant is always the caller's: another tenant's deliveries never match.
        TenantId = tenant,
        SubscriptionId = SubscriptionId,
        EventId = EventId,
        State = State,
        CreatedFrom = CreatedFrom,
        CreatedBefore = CreatedBefore,
        After = After,
        Limit = limit,
    };

    private static void Add(List<KeyValuePair<string, string?>> values, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            values.Add(new(name, value));
        }
    }

    private static string? Text(IQueryCollection query, string name, string label, List<string> errors)
    {
        var value = query[name].ToString().Trim();
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Length > MaxTextLength)
        {
            errors.Add($"{label} is longer than {MaxTextLength} characters.");
            return null;
        }

        return value;
    }

    private static WebhookDeliveryState? ParseState(string value, List<string> errors)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (Enum.TryParse<WebhookDeliveryState>(value, ignoreCase: true, out var state) && Enum.IsDefined(state) && !int.TryParse(value, out _))
        {
            return state;
        }

        errors.Add("State must be Pending, Succeeded or DeadLettered.");
        return null;
    }

    /// <summary>A <c>datetime-local</c> value (taken as UTC) or an ISO 8601 time with an offset.</summary>
    public static DateTimeOffset? ParseTime(string value, string label, List<string> errors)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        errors.Add($"{label} is not a time (yyyy-MM-ddTHH:mm, UTC).");
        return null;
    }
}
