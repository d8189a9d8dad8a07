using System;

namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore;

/// <summary>
/// The handled mark of one event in one receiver: a row of the inbox table that
/// <see cref="Microsoft.EntityFrameworkCore.WebhookInboxModelBuilderExtensions.AddOrdinavoWebhookInbox"/> maps into your
/// <c>DbContext</c>. Written in the same transaction as the handlers' changes; purged after the retention.
/// </summary>
public sealed class WebhookInboxRecord
{
    /// <summary>The receiver's name (empty for the default receiver). Part of the key: each receiver handles an event once.</summary>
    public string Receiver { get; set; } = string.Empty;

    /// <summary>The event's id (<c>evt_</c> + ULID). Part of the key.</summary>
    public string EventId { get; set; } = string.Empty;

    /// <summary>When the event was handled (UTC): the retention purge compares it with its cut-off.</summary>
    public DateTime HandledAt { get; set; }
}
