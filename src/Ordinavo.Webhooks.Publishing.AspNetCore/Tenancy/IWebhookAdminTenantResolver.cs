using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>
/// Decides which tenant an admin API call acts on, from the request (typically a claim of the authenticated user).
/// Register one as a singleton, or set <see cref="WebhookAdminOptions.TenantResolver"/> instead.
/// </summary>
public interface IWebhookAdminTenantResolver
{
    /// <summary>The caller's tenant id, or <see langword="null"/> (or empty) when there is none: the call is answered 403.</summary>
    ValueTask<string?> ResolveTenantAsync(HttpContext context);
}
