namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>Endpoint metadata marking the admin API's endpoints, so the start-up check finds them.</summary>
internal sealed class WebhookAdminEndpointMarker(string prefix)
{
    public string Prefix { get; } = prefix;
}
