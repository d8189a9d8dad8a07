using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>
/// What an action did, carried by the redirect after it (post-redirect-get) as a code and numbers in the query string,
/// and shown by the page it leads to. Only known codes become text: nothing from the query string is shown as written.
/// </summary>
internal static class ActionResultMessage
{
    public const string Redelivered = "redelivered";
    public const string Busy = "busy";
    public const string Recovered = "recovered";
    public const string TestSent = "test";
    public const string Disabled = "disabled";
    public const string Enabled = "enabled";

    /// <summary>The query string that carries <paramref name="code"/> (and a count or status).</summary>
    public static string Query(string code, int? count = null, int? status = null, string? error = null)
    {
        var query = QueryHelpers.AddQueryString(string.Empty, "done", code);
        if (count is { } n)
        {
            query = QueryHelpers.AddQueryString(query, "count", n.ToString(CultureInfo.InvariantCulture));
        }

        if (status is { } s)
        {
            query = QueryHelpers.AddQueryString(query, "status", s.ToString(CultureInfo.InvariantCulture));
        }

        if (error is not null)
        {
            query = QueryHelpers.AddQueryString(query, "error", error);
        }

        return query;
    }

    /// <summary>The message of the request's <c>done</c> code, or nothing.</summary>
    public static Html Render(IQueryCollection query)
    {
        var count = int.TryParse(query["count"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var status = int.TryParse(query["status"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : (int?)null;
        var error = System.Enum.TryParse<WebhookDeliveryErrorKind>(query["error"], out var kind) && System.Enum.IsDefined(kind) ? kind : WebhookDeliveryErrorKind.None;
        var (ok, text) = query["done"].ToString() switch
        {
            Redelivered => (true, "The delivery was queued again and is sent now."),
            Busy => (false, "The delivery is being attempted right now; nothing was changed. Try again in a moment."),
            Recovered => (true, count == 1 ? "1 dead letter was queued again." : $"{count} dead letters were queued again."),
            TestSent when status is >= 200 and < 300 => (true, $"The test event was delivered: the endpoint answered {status}."),
            TestSent => (false, $"The test event failed: {Format.Status(status, error)}."),
            Disabled => (true, "The subscription is disabled. Its pending deliveries are dead-lettered as they come due."),
            Enabled => (true, "The subscription is enabled again."),
            _ => (true, null),
        };
        return text is null
            ? Html.Empty
            : HtmlWriter.Fragment(w => w.Append($"<div class=\"flash {(ok ? "ok" : "bad")}\" role=\"status\">{text}</div>"));
    }
}
