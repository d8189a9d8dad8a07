using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>Options of the webhook admin API (validated at start).</summary>
public sealed class WebhookAdminOptions
{
    /// <summary>
    /// Gives the caller's tenant from the request, for example <c>context =&gt; ValueTask.FromResult(context.User.FindFirst("tenant")?.Value)</c>.
    /// Either this or a registered <see cref="IWebhookAdminTenantResolver"/> is required; this one wins when both are set.
    /// </summary>
    public Func<HttpContext, ValueTask<string?>>? TenantResolver { get; set; }

    /// <summary>
    /// Lets the host start although the admin endpoints carry no authorization metadata. For a development host only:
    /// without it, a host whose admin group has no <c>.RequireAuthorization(...)</c> (or carries <c>.AllowAnonymous()</c>)
    /// refuses to start. Default <see langword="false"/>. Bindable from configuration.
    /// </summary>
    public bool AllowAnonymousForDevelopment { get; set; }
}
