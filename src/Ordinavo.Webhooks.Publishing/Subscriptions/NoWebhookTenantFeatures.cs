using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>The default <see cref="IWebhookTenantFeatures"/>: every feature off for every tenant.</summary>
internal sealed class NoWebhookTenantFeatures : IWebhookTenantFeatures
{
    public ValueTask<WebhookTenantFeatures> GetAsync(string tenantId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(WebhookTenantFeatures.None);
}
