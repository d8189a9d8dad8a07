using System;

namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore;

/// <summary>
/// The ordering help of one entity: the newest <c>occurredAt</c> of a handled event about it. A row of the ordering
/// table that <see cref="Microsoft.EntityFrameworkCore.WebhookInboxModelBuilderExtensions.AddOrdinavoWebhookInbox"/>
/// maps into your <c>DbContext</c>, written in the same transaction as the handled mark.
/// </summary>
public sealed class WebhookOrderingRecord
{
    /// <summary>The entity's tenant. Part of the key.</summary>
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The entity's kind. Part of the key.</summary>
    public WebhookEntityKind EntityKind { get; set; }

    /// <summary>The entity's id. Part of the key.</summary>
    public long EntityId { get; set; }

    /// <summary>The newest <c>occurredAt</c> (UTC) of a handled event about the entity.</summary>
    public DateTime LatestOccurredAt { get; set; }

    /// <summary>
    /// The value <see cref="LatestOccurredAt"/> had before the last handled event was recorded (UTC), or
    /// <see langword="null"/> for the entity's first: the inbox reads it back in the statement that records the event,
    /// so that a handler sees what was newest before it, serialized with concurrent events about the same entity.
    /// </summary>
    public DateTime? PreviousOccurredAt { get; set; }
}
