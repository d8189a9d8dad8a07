using System;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Contracts.Serialization;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>What a handler is told about one event: the event, the delivery it arrived with, and ordering help.</summary>
/// <remarks>
/// Before any handler runs, the body was verified and read as one well-formed JSON object whose envelope (eventId,
/// eventType, occurredAt, tenantId) is valid and matches the headers. The typed sections are read on the first access
/// to <see cref="Event"/>, so a handler that needs only the envelope or the raw <see cref="Body"/> (to store it and
/// work later) does not pay for them. If the sections do not match the contract, <see cref="Event"/> throws a
/// <see cref="WebhookPayloadException"/> and the request is answered 400 (invalid payload), whatever the handler did
/// with the exception; the event is not marked handled.
/// </remarks>
public sealed class WebhookEventContext
{
    private readonly ReadOnlyMemory<byte> _body;
    private WebhookEvent? _event;
    private WebhookPayloadException? _payloadError;
    private bool _bodyReleased;

    internal WebhookEventContext(
        string receiverName,
        in WebhookEnvelope envelope,
        ReadOnlyMemory<byte> body,
        string? deliveryId,
        int? deliveryAttempt,
        DateTimeOffset? latestHandledOccurredAt,
        IServiceProvider services)
    {
        ReceiverName = receiverName;
        EventId = envelope.EventId;
        EventType = envelope.EventType;
        OccurredAt = envelope.OccurredAt;
        TenantId = envelope.TenantId;
        Entity = envelope.Entity;
        _body = body;
        DeliveryId = deliveryId;
        DeliveryAttempt = deliveryAttempt;
        LatestHandledOccurredAt = latestHandledOccurredAt;
        Services = services;
    }

    /// <summary>The name of the receiver that verified the event (empty for the default receiver).</summary>
    public string ReceiverName { get; }

    /// <summary>
    /// The typed event (its signature verified, its eventId matching the header), read from <see cref="Body"/> on first
    /// access.
    /// </summary>
    /// <exception cref="WebhookPayloadException">The body's sections do not match the contract (the request is answered 400).</exception>
    /// <exception cref="InvalidOperationException">Accessed for the first time after the handlers returned.</exception>
    public WebhookEvent Event
    {
        get
        {
            if (_event is not null)
            {
                return _event;
            }

            if (_payloadError is not null)
            {
                throw _payloadError;
            }

            if (_bodyReleased)
            {
                throw new InvalidOperationException("The event is read from the request body, which is only available while the handlers run.");
            }

            if (WebhookEventSerializer.TryDeserialize(_body.Span, out var parsed, out var error))
            {
                _event = parsed;
                return parsed;
            }

            _payloadError = error;
            throw error;
        }
    }

    /// <summary>
    /// The body exactly as received and verified (UTF-8 JSON). Valid only while the handlers run: copy it
    /// (<c>Body.ToArray()</c>) to keep it, for example to store it in your own inbox and process it later.
    /// </summary>
    public ReadOnlyMemory<byte> Body => _bodyReleased ? throw new InvalidOperationException("The request body is only available while the handlers run.") : _body;

    /// <summary>The event's id (<c>evt_</c> + ULID), the same on every attempt: your idempotency key.</summary>
    public string EventId { get; }

    /// <summary>The event's type.</summary>
    public WebhookEventType EventType { get; }

    /// <summary>When the business event happened (UTC), from the envelope.</summary>
    public DateTimeOffset OccurredAt { get; }

    /// <summary>The tenant the event belongs to, from the envelope.</summary>
    public string TenantId { get; }

    /// <summary>The <c>X-Ordinavo-Delivery-Id</c> of this attempt, when the request carried one.</summary>
    public string? DeliveryId { get; }

    /// <summary>The <c>X-Ordinavo-Delivery-Attempt</c> (1, 2, ...), when the request carried one.</summary>
    public int? DeliveryAttempt { get; }

    /// <summary>The entity the event is about (see <see cref="WebhookEntityKey.TryGetFor"/>), when it has one.</summary>
    public WebhookEntityKey? Entity { get; }

    /// <summary>The newest <c>occurredAt</c> of an event about <see cref="Entity"/> that was handled before, if any.</summary>
    public DateTimeOffset? LatestHandledOccurredAt { get; }

    /// <summary>
    /// <see langword="true"/> when an event about the same entity with a later <c>occurredAt</c> was already handled:
    /// this one arrived late (delivery has no global order) and should not overwrite newer state.
    /// </summary>
    public bool IsStale => LatestHandledOccurredAt is { } latest && latest > OccurredAt;

    /// <summary>The DI scope created for this event (the handler itself was resolved from it).</summary>
    public IServiceProvider Services { get; }

    /// <summary>The typed event, when a handler read it.</summary>
    internal WebhookEvent? ParsedEvent => _event;

    /// <summary>The error of reading the typed event, when a handler tried and it failed.</summary>
    internal WebhookPayloadException? PayloadError => _payloadError;

    /// <summary>Records that the body does not match the contract (answered 400, not 500), and returns the error to throw.</summary>
    internal WebhookPayloadException RejectPayload(WebhookPayloadException error) => _payloadError ??= error;

    /// <summary>Called when the handlers returned: the body may be reused by the host from now on.</summary>
    internal void ReleaseBody() => _bodyReleased = true;
}
