using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// The tenant features the payload builder needs (billing webhooks on or off). The host implements it over its own
/// feature flags; the default answers "off" for every tenant.
/// </summary>
public interface IWebhookTenantFeatures
{
    /// <summary>The features of <paramref name="tenantId"/>.</summary>
    ValueTask<WebhookTenantFeatures> GetAsync(string tenantId, CancellationToken cancellationToken);
}
