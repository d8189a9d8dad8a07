using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>A <c>billing.*</c> event: <see cref="Billing"/> is always there.</summary>
public sealed class BillingWebhookEvent : WebhookCategoryEvent
{
    internal BillingWebhookEvent(WebhookEvent webhookEvent)
        : base(webhookEvent) => Billing = Required(webhookEvent.Billing, webhookEvent, "billing");

    /// <summary>The billing trigger.</summary>
    public WebhookBilling Billing { get; }

    /// <summary>The visit report the billing trigger comes from, when included.</summary>
    public WebhookVisitReport? VisitReport => Event.VisitReport;
}
