namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>Options of the webhook delivery dashboard (validated at start).</summary>
public sealed class WebhookDashboardOptions
{
    /// <summary>
    /// The authorization policy a user needs to see the dashboard (a policy the host registers, for example with
    /// <c>AddAuthorizationBuilder().AddPolicy("webhook-support", ...)</c>). Required: without it the host refuses to start,
    /// unless <see cref="AllowAnonymousForDevelopment"/> is set.
    /// </summary>
    public string? ViewPolicy { get; set; }

    /// <summary>
    /// The authorization policy a user needs, on top of <see cref="ViewPolicy"/>, for the dashboard's actions (redeliver,
    /// recover dead letters, send a test event, disable, enable, rotate a secret). When it is not set the dashboard is
    /// read-only: no action buttons are shown and every action is answered 403.
    /// </summary>
    public string? ActionPolicy { get; set; }

    /// <summary>
    /// Lets the host start without a <see cref="ViewPolicy"/>, so anyone who reaches the dashboard sees the tenant the
    /// tenant resolver gives. For a development host only. Default <see langword="false"/>. Bindable from configuration.
    /// </summary>
    public bool AllowAnonymousForDevelopment { get; set; }

    /// <summary>How many deliveries one page of the deliveries table shows (1 to 200; default 50).</summary>
    public int PageSize { get; set; } = 50;
}
