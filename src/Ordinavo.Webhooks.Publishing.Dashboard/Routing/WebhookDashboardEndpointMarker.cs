namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>Endpoint metadata marking the dashboard's endpoints, so the start-up check finds them.</summary>
internal sealed class WebhookDashboardEndpointMarker(string prefix)
{
    public string Prefix { get; } = prefix;
}
