using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>Resolves the caller's tenant once per request (options delegate first, then the registered service) and keeps it in <see cref="HttpContext.Items"/>.</summary>
internal sealed class AdminTenantAccessor(IOptions<WebhookAdminOptions> options, IWebhookAdminTenantResolver? resolver = null)
{
    private static readonly object ItemKey = new();

    public bool IsConfigured => options.Value.TenantResolver is not null || resolver is not null;

    public async ValueTask<string?> ResolveAsync(HttpContext context)
    {
        var tenant = options.Value.TenantResolver is { } resolve
            ? await resolve(context).ConfigureAwait(false)
            : resolver is not null ? await resolver.ResolveTenantAsync(context).ConfigureAwait(false) : null;
        if (string.IsNullOrEmpty(tenant))
        {
            return null;
        }

        context.Items[ItemKey] = tenant;
        return tenant;
    }

    /// <summary>The tenant the admin filter resolved for this request.</summary>
    public static string Tenant(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var tenant) && tenant is string value
            ? value
            : throw new InvalidOperationException("The webhook admin tenant was not resolved for this request.");
}
