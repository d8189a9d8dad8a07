using System;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Contracts.Serialization;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>
/// What the pipeline needs from a body before it answers: the envelope (eventId, eventType, occurredAt, tenantId) and
/// the entity the event is about, read with the contract's rules in one validating pass over the whole body
/// (<see cref="WebhookEnvelopeReader"/> of the Contracts package, which the serializer follows too). The typed sections
/// are read only when a handler asks for <see cref="WebhookEventContext.Event"/>.
/// </summary>
internal readonly struct WebhookEnvelope
{
    private WebhookEnvelope(string eventId, WebhookEventType eventType, DateTimeOffset occurredAt, string tenantId, WebhookEntityKey? entity)
    {
        EventId = eventId;
        EventType = eventType;
        OccurredAt = occurredAt;
        TenantId = tenantId;
        Entity = entity;
    }

    public string EventId { get; }

    public WebhookEventType EventType { get; }

    public DateTimeOffset OccurredAt { get; }

    public string TenantId { get; }

    /// <summary>The entity (see <see cref="WebhookEntityKey.TryGetFor"/>), when the type's category has one and its section is present.</summary>
    public WebhookEntityKey? Entity { get; }

    /// <summary>
    /// Reads the envelope; <see langword="false"/> when the body is not a JSON object with a valid envelope. When the
    /// body's eventId equals <paramref name="expectedEventId"/> (the verified header), that string is kept, not a copy.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> body, out WebhookEnvelope envelope, out WebhookPayloadErrorReason reason, string? expectedEventId = null)
    {
        if (!WebhookEnvelopeReader.TryRead(body, out var fields, out reason, expectedEventId))
        {
            envelope = default;
            return false;
        }

        var kind = WebhookEntityKey.KindOf(fields.EventType.Category);
        WebhookEntityKey? entity = kind != 0 && fields.EntityId is { } id ? new WebhookEntityKey(fields.TenantId, kind, id) : null;
        envelope = new WebhookEnvelope(fields.EventId, fields.EventType, fields.OccurredAt, fields.TenantId, entity);
        return true;
    }
}
