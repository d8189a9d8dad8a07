using System;
using System.Linq;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>One subscription: its definition, state, secrets' dates and numbers, and (with the action policy) its actions.</summary>
internal static class SubscriptionPage
{
    public static async Task RenderAsync(DashboardRequest request, string subscriptionId)
    {
        var cancellationToken = request.Context.RequestAborted;
        var s = await DashboardData.FindSubscriptionAsync(request.Service<IWebhookSubscriptionManager>(), request.Tenant, subscriptionId, cancellationToken).ConfigureAwait(false);
        if (s is null)
        {
            await request.NotFoundAsync("subscription").ConfigureAwait(false);
            return;
        }

        var stats = (await StatisticsSource.ReadAsync(request, [s.Id], cancellationToken).ConfigureAwait(false)).TryGetValue(s.Id, out var value) ? value : SubscriptionStats.None;
        var id = Uri.EscapeDataString(s.Id);
        var eventTypes = s.Definition.EventTypes.Count == 0 ? "all" : string.Join(", ", s.Definition.EventTypes);
        var secrets = string.Join("; ", s.Secrets.Select(x => "created " + Format.Time(x.CreatedAt) + (x.ExpiresAt is { } e ? ", expires " + Format.Time(e) : string.Empty)));
        var w = new HtmlWriter();
        w.Append($"""
            <h1>Subscription <span class="mono">{s.Id}</span></h1>
            <section class="panel"><dl class="facts">
            <dt>State</dt><dd id="subscription-state">{OverviewPage.State(s)}</dd>
            <dt>State note</dt><dd id="subscription-note">{s.StateNote ?? "none"}</dd>
            <dt>Health</dt><dd>{OverviewPage.Health(stats)}</dd>
            <dt>Endpoint</dt><dd class="mono">{s.Definition.EndpointUrl.GetLeftPart(UriPartial.Path)}</dd>
            <dt>Event types</dt><dd>{eventTypes}</dd>
            <dt>Description</dt><dd>{s.Definition.Description}</dd>
            <dt>Secrets</dt><dd>{secrets}</dd>
            <dt>Queue</dt><dd>{Format.Count(stats.Pending)} pending, {Format.Count(stats.Due)} due now</dd>
            <dt>Last 24 hours</dt><dd>{Format.Count(stats.Delivered)} delivered, {Format.Count(stats.Failed)} failing, {Format.Count(stats.DeadLettered)} dead-lettered {HourlyChart.Render(stats)}</dd>
            <dt>Version</dt><dd>{s.Version} · created {Format.Time(s.CreatedAt)} · changed {Format.Time(s.UpdatedAt)}</dd>
            </dl>
            <p><a href="{request.Link("deliveries?subscription=" + id)}">Deliveries</a> · <a href="{request.Link("deliveries?subscription=" + id + "&state=DeadLettered")}">Dead letters</a></p>
            </section>
            """);
        if (request.CanAct)
        {
            WriteActions(w, request, s);
        }

        await request.PageAsync("Subscription " + s.Id, new Html(w.ToString()), flash: ActionResultMessage.Render(request.Context.Request.Query)).ConfigureAwait(false);
    }

    private static void WriteActions(HtmlWriter w, DashboardRequest request, WebhookSubscriptionInfo s)
    {
        var self = request.Link("subscriptions/" + DashboardRequest.Escape(s.Id));
        var token = request.AntiforgeryField();
        var now = request.Service<TimeProvider>().GetUtcNow();
        var toggle = s.IsEnabled
            ? HtmlWriter.Fragment(x => x.Append($"""<form method="post" action="{self}/disable" data-confirm="Disable this subscription? Its pending deliveries are dead-lettered as they come due.">{token}<input type="hidden" name="version" value="{s.Version}"><label>Note <input type="text" name="note" maxlength="{WebhookSubscriptionInfo.MaxStateNoteLength}"></label><button type="submit" class="danger" id="disable">Disable</button></form>"""))
            : HtmlWriter.Fragment(x => x.Append($"""<form method="post" action="{self}/enable" data-confirm="Enable this subscription again?">{token}<input type="hidden" name="version" value="{s.Version}"><label>Note <input type="text" name="note" maxlength="{WebhookSubscriptionInfo.MaxStateNoteLength}"></label><button type="submit" id="enable">Enable</button></form>"""));
        w.Append($"""
            <section class="panel"><h2>Actions</h2><div class="actions">
            <fieldset><legend>Check the endpoint</legend>
            <form method="post" action="{self}/test" data-confirm="Send a signed webhook.test event to this endpoint now?">{token}<button type="submit" id="send-test">Send test event</button></form></fieldset>
            <fieldset><legend>Recover dead letters created in a window (UTC)</legend>
            <form method="post" action="{self}/recover" data-confirm="Deliver again every dead letter of this subscription created in this window?">{token}
            <input type="datetime-local" name="from" value="{Format.InputTime(now.AddDays(-1))}" aria-label="From (UTC)">
            <input type="datetime-local" name="to" value="{Format.InputTime(now.AddMinutes(1))}" aria-label="To (UTC)">
            <button type="submit" id="recover">Recover</button></form></fieldset>
            <fieldset><legend>State</legend>{toggle}</fieldset>
            <fieldset><legend>Rotate the secret</legend>
            <form method="post" action="{self}/rotate-secret" data-confirm="Create a new secret? It is shown once; the old one keeps signing for the grace period.">{token}
            <input type="hidden" name="version" value="{s.Version}">
            <select name="grace" aria-label="Old secret keeps signing for"><option value="86400" selected>old secret signs for 24 h</option><option value="3600">for 1 h</option><option value="0">not at all</option></select>
            <button type="submit" class="secondary" id="rotate-secret">Rotate secret</button></form></fieldset>
            </div></section>
            """);
    }
}
