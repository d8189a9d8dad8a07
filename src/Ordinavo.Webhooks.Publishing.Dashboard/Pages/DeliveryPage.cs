using System;
using System.Security.Cryptography;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>One delivery: its state, the attempt timeline with what the receiver answered, and the body as it was sent.</summary>
internal static class DeliveryPage
{
    public static async Task RenderAsync(DashboardRequest request, string deliveryId)
    {
        var monitor = request.Service<IWebhookDeliveryMonitor>();
        var cancellationToken = request.Context.RequestAborted;
        var d = await DashboardData.FindDeliveryAsync(monitor, request.Tenant, deliveryId, cancellationToken).ConfigureAwait(false);
        if (d is null)
        {
            await request.NotFoundAsync("delivery").ConfigureAwait(false);
            return;
        }

        var attempts = await monitor.GetAttemptsAsync(d.Id, cancellationToken).ConfigureAwait(false);
        var self = "deliveries/" + DashboardRequest.Escape(d.Id);
        var subscription = request.Link("subscriptions/" + DashboardRequest.Escape(d.SubscriptionId));
        var w = new HtmlWriter();
        var reason = d.State == WebhookDeliveryState.DeadLettered ? HtmlWriter.Fragment(x => x.Append($" <span class=\"muted\">({Format.DeadLetterReason(d.DeadLetterReason)})</span>")) : Html.Empty;
        w.Append($"""
            <h1>Delivery <span class="mono">{d.Id}</span></h1>
            <section class="panel"><dl class="facts">
            <dt>State</dt><dd id="delivery-state">{Format.StateBadge(d.State)}{reason}</dd>
            <dt>Event</dt><dd><span class="mono">{d.EventId}</span> · {d.EventType} · <a href="{request.Link("deliveries?eventId=" + Uri.EscapeDataString(d.EventId))}">all deliveries of this event</a></dd>
            <dt>Subscription</dt><dd><a href="{subscription}">{d.SubscriptionId}</a></dd>
            <dt>Endpoint</dt><dd class="mono">{d.EndpointUrl.GetLeftPart(UriPartial.Path)}</dd>
            <dt>Created</dt><dd>{Format.Time(d.CreatedAt)}</dd>
            """);
        if (d.State == WebhookDeliveryState.Pending)
        {
            w.Append($"<dt>Next attempt</dt><dd>{Format.Time(d.NextAttemptAt)}</dd>");
        }
        else
        {
            w.Append($"<dt>Completed</dt><dd>{Format.Time(d.CompletedAt)}</dd>");
        }

        w.Append($"<dt>Attempts</dt><dd>{attempts.Count} recorded, {d.AttemptCount} in the current retry schedule</dd></dl>");
        if (request.CanAct)
        {
            w.Append($"""
                <form class="inline actions-row" method="post" action="{request.Link(self + "/redeliver")}" data-confirm="Deliver this event to this subscription again, now?">
                {request.AntiforgeryField()}<button type="submit" id="redeliver">Redeliver</button></form>
                """);
        }

        w.Append($"</section><section class=\"panel\"><h2>Attempts</h2><ol class=\"timeline\" id=\"attempts\">");
        foreach (var a in attempts)
        {
            var answer = a.ResponseBody is null ? Html.Empty : HtmlWriter.Fragment(x => x.Append($"<pre>{a.ResponseBody}</pre>"));
            w.Append($"""
                <li class="{(a.Succeeded ? "ok" : "bad")}"><strong>#{a.AttemptNumber}</strong> · {Format.Time(a.StartedAt)} · {Format.Duration(a.Duration)}
                · status <strong>{Format.Status(a.StatusCode, a.ErrorKind)}</strong> <span class="muted mono">{a.AttemptId}</span>{answer}</li>
                """);
        }

        if (attempts.Count == 0)
        {
            w.Append($"<li class=\"muted\">No attempt yet.</li>");
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(d.Body.Span));
        w.Append($"""
            </ol></section>
            <section class="panel"><h2>Body as sent</h2>
            <p class="muted">{Format.Count(d.Body.Length)} bytes, SHA-256 <span class="mono">{sha}</span>; the same bytes are signed and sent on every attempt (shown indented).</p>
            <pre id="body">{JsonBody.Pretty(d.Body)}</pre></section>
            """);
        await request.PageAsync("Delivery " + d.Id, new Html(w.ToString()), flash: ActionResultMessage.Render(request.Context.Request.Query)).ConfigureAwait(false);
    }
}
