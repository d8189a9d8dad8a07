using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>
/// The dashboard's actions. The endpoint wrapper has checked the action policy and the antiforgery token; each action
/// checks that the subscription or delivery is the caller's tenant's (another tenant's is not found), does one thing
/// through the publisher's services, logs it (ids only) and redirects to the page that shows the result.
/// </summary>
internal static class DashboardActions
{
    public static async Task RedeliverAsync(DashboardRequest request, string deliveryId)
    {
        var cancellationToken = request.Context.RequestAborted;
        var delivery = await DashboardData.FindDeliveryAsync(request.Service<IWebhookDeliveryMonitor>(), request.Tenant, deliveryId, cancellationToken).ConfigureAwait(false);
        if (delivery is null)
        {
            await request.NotFoundAsync("delivery").ConfigureAwait(false);
            return;
        }

        var requeued = await request.Service<IWebhookOperations>().RedeliverAsync(delivery.EventId, delivery.SubscriptionId, cancellationToken).ConfigureAwait(false);
        if (requeued)
        {
            Log.DeliveryAction(request.Logger, "redeliver", request.Tenant, delivery.Id);
        }

        await request.SeeOtherAsync("deliveries/" + DashboardRequest.Escape(delivery.Id) + ActionResultMessage.Query(requeued ? ActionResultMessage.Redelivered : ActionResultMessage.Busy)).ConfigureAwait(false);
    }

    public static async Task RecoverDeadLettersAsync(DashboardRequest request, IFormCollection form, string subscriptionId)
    {
        var subscription = await FindAsync(request, subscriptionId).ConfigureAwait(false);
        if (subscription is null)
        {
            await request.NotFoundAsync("subscription").ConfigureAwait(false);
            return;
        }

        var errors = new List<string>();
        var from = DeliveryFilter.ParseTime(form["from"].ToString(), "From", errors);
        var to = DeliveryFilter.ParseTime(form["to"].ToString(), "To", errors);
        if (errors.Count > 0 || from is null || to is null || from >= to)
        {
            await request.MessageAsync(StatusCodes.Status400BadRequest, "Invalid window", "Give a From and a To time (UTC), From earlier than To.").ConfigureAwait(false);
            return;
        }

        var count = await request.Service<IWebhookOperations>().RedeliverDeadLettersAsync(subscription.Id, from.Value, to.Value, request.Context.RequestAborted).ConfigureAwait(false);
        Log.DeadLettersRecovered(request.Logger, request.Tenant, subscription.Id, count);
        await request.SeeOtherAsync(SubscriptionPath(subscription.Id) + ActionResultMessage.Query(ActionResultMessage.Recovered, count: count)).ConfigureAwait(false);
    }

    public static async Task SendTestEventAsync(DashboardRequest request, string subscriptionId)
    {
        var subscription = await FindAsync(request, subscriptionId).ConfigureAwait(false);
        if (subscription is null)
        {
            await request.NotFoundAsync("subscription").ConfigureAwait(false);
            return;
        }

        var result = await request.Service<IWebhookOperations>().SendTestEventAsync(subscription.Id, request.Context.RequestAborted).ConfigureAwait(false);
        Log.SubscriptionAction(request.Logger, "send test event", request.Tenant, subscription.Id);
        var attempt = result.Attempt;
        await request.SeeOtherAsync(SubscriptionPath(subscription.Id) + ActionResultMessage.Query(
            ActionResultMessage.TestSent, status: attempt.StatusCode, error: attempt.ErrorKind == WebhookDeliveryErrorKind.None ? null : attempt.ErrorKind.ToString())).ConfigureAwait(false);
    }

    public static async Task SetEnabledAsync(DashboardRequest request, IFormCollection form, string subscriptionId, bool enable)
    {
        var manager = request.Service<IWebhookSubscriptionManager>();
        var version = Version(form);
        var cancellationToken = request.Context.RequestAborted;
        var subscription = enable
            ? await manager.EnableAsync(request.Tenant, subscriptionId, Note(form), version, cancellationToken).ConfigureAwait(false)
            : await manager.DisableAsync(request.Tenant, subscriptionId, Note(form), version, cancellationToken).ConfigureAwait(false);
        Log.SubscriptionAction(request.Logger, enable ? "enable" : "disable", request.Tenant, subscription.Id);
        await request.SeeOtherAsync(SubscriptionPath(subscription.Id) + ActionResultMessage.Query(enable ? ActionResultMessage.Enabled : ActionResultMessage.Disabled)).ConfigureAwait(false);
    }

    /// <summary>
    /// Rotates the secret and shows the new one on the answer itself, not after a redirect: the secret must appear
    /// exactly once and never in a URL, a cookie or a log. The answer is not stored (no-store).
    /// </summary>
    public static async Task RotateSecretAsync(DashboardRequest request, IFormCollection form, string subscriptionId)
    {
        var grace = int.TryParse(form["grace"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 7 * 86400
            ? TimeSpan.FromSeconds(seconds)
            : (TimeSpan?)null;
        var issued = await request.Service<IWebhookSubscriptionManager>()
            .RotateSecretAsync(request.Tenant, subscriptionId, grace, Version(form), request.Context.RequestAborted).ConfigureAwait(false);
        Log.SubscriptionAction(request.Logger, "rotate secret", request.Tenant, issued.Subscription.Id);
        var back = request.Link(SubscriptionPath(issued.Subscription.Id));
        var keeps = grace == TimeSpan.Zero
            ? "The old secrets no longer sign."
            : "The old secret keeps signing beside it until " + Format.Time(issued.Subscription.Secrets.Count > 1 ? issued.Subscription.Secrets[^1].ExpiresAt : null) + ".";
        var body = HtmlWriter.Fragment(w => w.Append($"""
            <section class="panel"><h1>New secret</h1>
            <p>Give this secret to the integrator of <span class="mono">{issued.Subscription.Id}</span> now. It is shown <strong>once</strong>: it cannot be read again. {keeps}</p>
            <p><code class="secret" id="new-secret">{issued.Secret.ExposeSecret()}</code> <button type="button" class="secondary" data-copy="new-secret">Copy</button></p>
            <p><a href="{back}">Back to the subscription</a></p></section>
            """));
        await request.PageAsync("New secret", body).ConfigureAwait(false);
    }

    private static Task<WebhookSubscriptionInfo?> FindAsync(DashboardRequest request, string subscriptionId) =>
        DashboardData.FindSubscriptionAsync(request.Service<IWebhookSubscriptionManager>(), request.Tenant, subscriptionId, request.Context.RequestAborted);

    private static long? Version(IFormCollection form) =>
        long.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;

    // The operator's note is validated by the manager (length, control characters); it is never logged.
    private static string? Note(IFormCollection form) => form["note"].ToString() is { Length: > 0 } note ? note : null;

    private static string SubscriptionPath(string subscriptionId) => "subscriptions/" + DashboardRequest.Escape(subscriptionId);
}
