using System;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>Reads of one tenant's subscriptions and deliveries: another tenant's are not found.</summary>
internal static class DashboardData
{
    public static async Task<WebhookDeliveryRecord?> FindDeliveryAsync(IWebhookDeliveryMonitor monitor, string tenant, string deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await monitor.GetDeliveryAsync(deliveryId, cancellationToken).ConfigureAwait(false);
        return delivery is not null && string.Equals(delivery.TenantId, tenant, StringComparison.Ordinal) ? delivery : null;
    }

    public static Task<WebhookSubscriptionInfo?> FindSubscriptionAsync(IWebhookSubscriptionManager manager, string tenant, string subscriptionId, CancellationToken cancellationToken) =>
        manager.GetAsync(tenant, subscriptionId, cancellationToken);
}
