using System;

namespace Ordinavo.Webhooks.Contracts.Serialization;

/// <summary>The envelope of a body as <see cref="WebhookEnvelopeReader"/> reads it: valid by the contract's rules.</summary>
internal readonly struct WebhookEnvelopeFields
{
    public WebhookEnvelopeFields(string eventId, WebhookEventType eventType, DateTimeOffset occurredAt, string tenantId, long? entityId)
    {
        EventId = eventId;
        EventType = eventType;
        OccurredAt = occurredAt;
        TenantId = tenantId;
        EntityId = entityId;
    }

    /// <summary>The eventId: never empty.</summary>
    public string EventId { get; }

    /// <summary>The event type: well-formed.</summary>
    public WebhookEventType EventType { get; }

    /// <summary>When the event happened, in UTC.</summary>
    public DateTimeOffset OccurredAt { get; }

    /// <summary>The tenant: never empty.</summary>
    public string TenantId { get; }

    /// <summary>
    /// The <c>id</c> of the section named after the event type's category (<c>visitReport</c> for <c>visit_report.*</c>,
    /// <c>target</c>, <c>route</c>, <c>appointment</c>, <c>billing</c>); null when the category has none or the section is
    /// absent. 0 when the section is present without an id, as the typed section reads it.
    /// </summary>
    public long? EntityId { get; }
}
