namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore;

/// <summary>Where <see cref="Microsoft.EntityFrameworkCore.WebhookInboxModelBuilderExtensions.AddOrdinavoWebhookInbox"/> maps the inbox tables.</summary>
public sealed class WebhookInboxModelOptions
{
    /// <summary>The schema of both tables; <see langword="null"/> (the default) for the model's default schema.</summary>
    public string? Schema { get; set; }

    /// <summary>The inbox table (handled marks). Default <c>ordinavo_webhook_inbox</c>.</summary>
    public string InboxTable { get; set; } = "ordinavo_webhook_inbox";

    /// <summary>The ordering table (newest handled <c>occurredAt</c> per entity). Default <c>ordinavo_webhook_ordering</c>.</summary>
    public string OrderingTable { get; set; } = "ordinavo_webhook_ordering";
}
