using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Publishing.AspNetCore;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>
/// The caller's tenant, decided as the admin API decides it (its public contract): <see cref="WebhookAdminOptions.TenantResolver"/>
/// first, then a registered <see cref="IWebhookAdminTenantResolver"/>. Null or empty: no tenant.
/// </summary>
internal sealed class DashboardTenantResolver(IOptions<WebhookAdminOptions> options, IWebhookAdminTenantResolver? resolver = null)
{
    public async ValueTask<string?> ResolveAsync(HttpContext context)
    {
        var tenant = options.Value.TenantResolver is { } resolve
            ? await resolve(context).ConfigureAwait(false)
            : resolver is not null ? await resolver.ResolveTenantAsync(context).ConfigureAwait(false) : null;
        return string.IsNullOrEmpty(tenant) ? null : tenant;
    }
}
