using System;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>What the receiver knows about a verified event when it asks an <see cref="IWebhookTransactionalInbox"/> to begin handling it.</summary>
/// <param name="EventId">The event's id (<c>evt_</c> + ULID).</param>
/// <param name="OccurredAt">The event's <c>occurredAt</c> (UTC).</param>
/// <param name="Entity">The entity the event is about, when its type has one: the key of the ordering help.</param>
public readonly record struct WebhookInboxEntry(string EventId, DateTimeOffset OccurredAt, WebhookEntityKey? Entity);
