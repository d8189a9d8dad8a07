using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>The overview: per subscription of the tenant its endpoint host, state, health, queue depth, the last 24 hours and a chart per hour.</summary>
internal static class OverviewPage
{
    public static async Task RenderAsync(DashboardRequest request)
    {
        var cancellationToken = request.Context.RequestAborted;
        var after = request.Context.Request.Query["after"].ToString();
        var page = await request.Service<IWebhookSubscriptionManager>()
            .ListAsync(request.Tenant, new WebhookSubscriptionListQuery { PageSize = WebhookSubscriptionListQuery.MaxPageSize, After = after.Length == 0 ? null : after }, cancellationToken)
            .ConfigureAwait(false);
        var stats = await StatisticsSource.ReadAsync(request, [.. page.Items.Select(s => s.Id)], cancellationToken).ConfigureAwait(false);

        var w = new HtmlWriter();
        w.Append($"""
            <h1>Subscriptions</h1>
            <table id="subscriptions"><thead><tr><th>Subscription</th><th>Endpoint host</th><th>State</th><th>Health</th>
            <th class="num">Queue (due)</th><th class="num">Delivered 24 h</th><th class="num">Failing 24 h</th><th class="num">Dead-lettered 24 h</th><th>Per hour, 24 h</th></tr></thead><tbody>
            """);
        foreach (var s in page.Items)
        {
            var st = stats.TryGetValue(s.Id, out var value) ? value : SubscriptionStats.None;
            var plus = st.Truncated ? "+" : string.Empty;
            var link = request.Link("subscriptions/" + DashboardRequest.Escape(s.Id));
            var deadLetters = request.Link("deliveries?subscription=" + Uri.EscapeDataString(s.Id) + "&state=DeadLettered");
            w.Append($"""
                <tr data-subscription="{s.Id}"><td><a href="{link}" class="mono">{s.Id}</a><div class="muted">{s.Definition.Description}</div></td>
                <td class="mono">{Format.EndpointHost(s.Definition.EndpointUrl)}</td><td>{State(s)}</td><td>{Health(st)}</td>
                <td class="num">{Format.Count(st.Pending)}{plus} ({Format.Count(st.Due)}{plus})</td><td class="num">{Format.Count(st.Delivered)}{plus}</td>
                <td class="num">{Format.Count(st.Failed)}{plus}</td><td class="num"><a href="{deadLetters}">{Format.Count(st.DeadLettered)}{plus}</a></td><td>{HourlyChart.Render(st)}</td></tr>
                """);
        }

        if (page.Items.Count == 0)
        {
            w.Append($"<tr class=\"empty\"><td colspan=\"9\" class=\"muted\">Tenant {request.Tenant} has no subscriptions.</td></tr>");
        }

        w.Append($"</tbody></table>");
        if (page.ContinuationToken is not null)
        {
            w.Append($"<div class=\"pager\"><a rel=\"next\" href=\"{request.Link("?after=" + Uri.EscapeDataString(page.ContinuationToken))}\">More subscriptions</a></div>");
        }

        w.Append($"<p class=\"muted\">Counts read at most 10,000 deliveries each; a number with + is a lower bound. Failing: pending deliveries whose last attempt failed.</p>");
        await request.PageAsync("Subscriptions", new Html(w.ToString())).ConfigureAwait(false);
    }

    public static Html State(WebhookSubscriptionInfo s) => s.IsEnabled
        ? new Html("<span class=\"badge ok\">Enabled</span>")
        : HtmlWriter.Fragment(w => w.Append($"<span class=\"badge bad\">Disabled</span> <span class=\"muted\">{Format.DisabledReason(s.DisabledReason)}, {Format.Time(s.DisabledAt)}</span>"));

    public static Html Health(SubscriptionStats st) =>
        st.FailingSince is { } since
            ? HtmlWriter.Fragment(w => w.Append($"<span class=\"badge bad\">Failing</span> <span class=\"muted\">since {Format.Time(since)}; last success {Format.Time(st.LastSuccessAt)}</span>"))
            : st.LastSuccessAt is { } last
                ? HtmlWriter.Fragment(w => w.Append($"<span class=\"badge ok\">Healthy</span> <span class=\"muted\">last success {Format.Time(last)}</span>"))
                : new Html("<span class=\"badge muted\">No attempts</span>");
}
