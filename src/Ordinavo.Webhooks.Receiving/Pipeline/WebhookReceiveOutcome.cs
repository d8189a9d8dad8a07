namespace Ordinavo.Webhooks.Receiving;

/// <summary>Why a webhook request got its answer (contract section 6). <see cref="WebhookReceiveResult.StatusCode"/> follows from it.</summary>
public enum WebhookReceiveOutcome
{
    /// <summary>Verified and handled by every matching handler: 200.</summary>
    Handled = 0,

    /// <summary>A duplicate of an event that was already handled: 200, handlers not run again.</summary>
    Duplicate = 1,

    /// <summary>Verified, but no handler is registered for its event type (including unknown types): 200, ignored.</summary>
    Unhandled = 2,

    /// <summary>The same event id is being handled right now by another request: 409, the publisher retries.</summary>
    InProgress = 3,

    /// <summary>A required header is missing: 400.</summary>
    MissingHeader = 4,

    /// <summary>A header is malformed (signature, timestamp, event id, delivery id or attempt): 400.</summary>
    MalformedHeader = 5,

    /// <summary>The body is not a JSON webhook event: 400.</summary>
    InvalidPayload = 6,

    /// <summary>The body's <c>eventId</c> differs from the event id header: 400.</summary>
    EventIdMismatch = 7,

    /// <summary>The body's <c>eventType</c> differs from the <c>X-Ordinavo-Event-Type</c> header: 400.</summary>
    EventTypeMismatch = 8,

    /// <summary>No signature matches any configured secret: 401.</summary>
    InvalidSignature = 9,

    /// <summary>The signed timestamp is further from the receiver's clock than the tolerance: 401.</summary>
    TimestampOutsideTolerance = 10,

    /// <summary>The body is larger than the limit: 413.</summary>
    BodyTooLarge = 11,

    /// <summary>The content type is not JSON: 415.</summary>
    UnsupportedContentType = 12,

    /// <summary>A handler threw: 500, the event is not marked handled and the publisher's retry handles it again.</summary>
    HandlerFailed = 13,

    /// <summary>The inbox or ordering store failed: 500, the publisher retries.</summary>
    StoreFailed = 14,
}
