using Microsoft.AspNetCore.Routing;

namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests.Support;

/// <summary>How <see cref="AdminTestHost"/> is set up.</summary>
public sealed class AdminHostOptions
{
    /// <summary>The managed subscription store (<see cref="SubscriptionStores"/>).</summary>
    public string SubscriptionStore { get; init; } = SubscriptionStores.InMemory;

    /// <summary>
    /// The outbox store (<see cref="OutboxStores"/>; default SQLite in a file of the host's temporary folder). A durable
    /// subscription store brings its own outbox (<see cref="SubscriptionStores.OutboxFor"/>).
    /// </summary>
    public string Outbox { get; init; } = OutboxStores.Sqlite;

    /// <summary>A record store to use instead of <see cref="SubscriptionStore"/> (to share one between two hosts).</summary>
    public IWebhookSubscriptionRecordStore? RecordStore { get; init; }

    /// <summary>Whether the publisher accepts http:// endpoints (the loopback receivers need it).</summary>
    public bool AllowInsecureHttp { get; init; } = true;

    /// <summary>Whether the admin group gets <c>.RequireAuthorization()</c>.</summary>
    public bool RequireAuthorization { get; init; } = true;

    /// <summary>More conventions on the admin group.</summary>
    public Action<RouteGroupBuilder>? Group { get; init; }

    /// <summary>Whether the admin options get the claim-based tenant resolver.</summary>
    public bool TenantResolver { get; init; } = true;

    /// <summary>More admin options.</summary>
    public Action<WebhookAdminOptions>? Admin { get; init; }

    /// <summary>More services.</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>More publisher options.</summary>
    public Action<WebhookPublisherOptions>? Publisher { get; init; }
}
