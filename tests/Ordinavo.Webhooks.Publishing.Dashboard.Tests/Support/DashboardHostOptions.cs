namespace Ordinavo.Webhooks.Publishing.Dashboard.Tests.Support;

/// <summary>How <see cref="DashboardTestHost"/> is set up.</summary>
public sealed class DashboardHostOptions
{
    /// <summary>The view policy (registered: any authenticated user), or null.</summary>
    public string? ViewPolicy { get; init; } = DashboardTestHost.ViewPolicy;

    /// <summary>The action policy (registered: role <c>operator</c>), or null for a read-only dashboard.</summary>
    public string? ActionPolicy { get; init; } = DashboardTestHost.ActionPolicy;

    /// <summary>The host's path base (for example <c>/backend</c>), or null.</summary>
    public string? PathBase { get; init; }

    /// <summary>More dashboard options.</summary>
    public Action<WebhookDashboardOptions>? Dashboard { get; init; }

    /// <summary>More conventions on the dashboard's group.</summary>
    public Action<Microsoft.AspNetCore.Routing.RouteGroupBuilder>? Group { get; init; }
}
