using Microsoft.AspNetCore.Authentication;

namespace Ordinavo.Webhooks.Samples.Demo;

/// <summary>The one API key the demo's admin API accepts, and the tenant it stands for.</summary>
internal sealed class DemoApiKeyOptions : AuthenticationSchemeOptions
{
    public string Key { get; set; } = string.Empty;

    public string TenantId { get; set; } = string.Empty;
}
