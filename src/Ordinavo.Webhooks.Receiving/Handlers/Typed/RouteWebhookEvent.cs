using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>A <c>route.*</c> event: <see cref="Route"/> is always there.</summary>
public sealed class RouteWebhookEvent : WebhookCategoryEvent
{
    internal RouteWebhookEvent(WebhookEvent webhookEvent)
        : base(webhookEvent) => Route = Required(webhookEvent.Route, webhookEvent, "route");

    /// <summary>The route.</summary>
    public WebhookRoute Route { get; }
}
