using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>The deliveries table: filters (subscription, event type, state, event id, time window), keyset pages, a link to each delivery.</summary>
internal static class DeliveriesPage
{
    public static async Task RenderAsync(DashboardRequest request)
    {
        var filter = DeliveryFilter.Parse(request.Context.Request.Query);
        var pageSize = request.Service<IOptions<WebhookDashboardOptions>>().Value.PageSize;
        DeliveryTable.Result? result = null;
        if (filter.Errors.Count == 0)
        {
            result = await DeliveryTable.ReadAsync(request.Service<IWebhookDeliveryMonitor>(), filter, request.Tenant, pageSize, request.Context.RequestAborted).ConfigureAwait(false);
        }

        var w = new HtmlWriter();
        w.Append($"<h1>Deliveries</h1>");
        WriteFilters(w, request, filter);
        if (result is null)
        {
            w.Append($"<div class=\"flash bad\" role=\"alert\">");
            foreach (var error in filter.Errors)
            {
                w.Append($"<div>{error}</div>");
            }

            w.Append($"</div>");
            await request.PageAsync("Deliveries", new Html(w.ToString()), StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        w.Append($"<table id=\"deliveries\"><thead><tr><th>Created</th><th>Event type</th><th>Event id</th><th>Subscription</th><th>State</th><th class=\"num\">Attempts</th><th>Last answer</th><th></th></tr></thead><tbody>");
        foreach (var d in result.Items)
        {
            var link = request.Link("deliveries/" + DashboardRequest.Escape(d.Id));
            var subscription = request.Link("subscriptions/" + DashboardRequest.Escape(d.SubscriptionId));
            w.Append($"""
                <tr data-delivery="{d.Id}"><td class="mono">{Format.Time(d.CreatedAt)}</td><td>{d.EventType}</td><td class="mono">{d.EventId}</td>
                <td><a href="{subscription}">{d.SubscriptionId}</a></td><td>{Format.StateBadge(d.State)}</td><td class="num">{d.AttemptCount}</td>
                <td>{Format.Status(d.LastStatusCode, d.LastErrorKind)}</td><td><a href="{link}">Details</a></td></tr>
                """);
        }

        if (result.Items.Count == 0)
        {
            w.Append($"<tr class=\"empty\"><td colspan=\"8\" class=\"muted\">No deliveries match these filters.</td></tr>");
        }

        w.Append($"</tbody></table><div class=\"pager\">");
        if (filter.After is not null)
        {
            w.Append($"<a href=\"{request.Link("deliveries" + filter.QueryString())}\">First page</a>");
        }

        if (result.NextAfter is not null)
        {
            w.Append($"<a rel=\"next\" href=\"{request.Link("deliveries" + filter.QueryString(result.NextAfter))}\">Next page</a>");
        }

        if (result.ScanStopped)
        {
            w.Append($"<span class=\"muted\">Read {DeliveryTable.MaxScanned} deliveries for this page without filling it; continue with the next page.</span>");
        }

        w.Append($"</div>");
        await request.PageAsync("Deliveries", new Html(w.ToString())).ConfigureAwait(false);
    }

    private static void WriteFilters(HtmlWriter w, DashboardRequest request, DeliveryFilter filter)
    {
        w.Append($"""
            <form class="filters panel" method="get" action="{request.Link("deliveries")}">
            <label>Tenant<input value="{request.Tenant}" disabled></label>
            <label>Subscription<input name="subscription" value="{filter.SubscriptionId}" size="30"></label>
            <label>Event type<input name="eventType" value="{filter.EventType}" list="event-types" placeholder="visit_report.*"></label>
            <label>Event id<input name="eventId" value="{filter.EventId}" size="30"></label>
            <label>State<select name="state"><option value="">any</option>
            """);
        foreach (var state in new[] { WebhookDeliveryState.Pending, WebhookDeliveryState.Succeeded, WebhookDeliveryState.DeadLettered })
        {
            var selected = filter.State == state ? new Html(" selected") : Html.Empty;
            w.Append($"<option value=\"{state}\"{selected}>{state}</option>");
        }

        w.Append($"""
            </select></label>
            <label>From (UTC)<input type="datetime-local" name="from" value="{Format.InputTime(filter.CreatedFrom)}"></label>
            <label>To (UTC)<input type="datetime-local" name="to" value="{Format.InputTime(filter.CreatedBefore)}"></label>
            <button type="submit">Filter</button> <a href="{request.Link("deliveries")}">Clear</a>
            <datalist id="event-types">
            """);
        foreach (var descriptor in WebhookEventCatalog.All)
        {
            w.Append($"<option value=\"{descriptor.Type.Value}\">");
        }

        w.Append($"</datalist></form>");
    }
}
