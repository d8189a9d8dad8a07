using System;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>The answer to one webhook request: the status code to send (contract section 6), why, and the event when there is one.</summary>
public sealed class WebhookReceiveResult
{
    private static readonly WebhookReceiveResult[] Bare = CreateBare();

    private WebhookReceiveResult(WebhookReceiveOutcome outcome, string? eventId, WebhookEventType? eventType, WebhookEvent? webhookEvent)
    {
        Outcome = outcome;
        StatusCode = StatusCodeOf(outcome);
        EventId = eventId;
        EventType = eventType;
        Event = webhookEvent;
    }

    /// <summary>Why the request got its answer.</summary>
    public WebhookReceiveOutcome Outcome { get; }

    /// <summary>The HTTP status code to answer with: 200, 400, 401, 409, 413, 415 or 500.</summary>
    public int StatusCode { get; }

    /// <summary><see langword="true"/> for a 2xx answer (handled, duplicate or unhandled).</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>The verified event id, once the signature was verified; otherwise <see langword="null"/>.</summary>
    public string? EventId { get; }

    /// <summary>The event's type, once the body was verified and its envelope read; otherwise <see langword="null"/>.</summary>
    public WebhookEventType? EventType { get; }

    /// <summary>
    /// The typed event, when a handler read it (<see cref="WebhookEventContext.Event"/>) while the request was handled;
    /// otherwise <see langword="null"/>. The pipeline itself reads only the envelope.
    /// </summary>
    public WebhookEvent? Event { get; }

    /// <summary>The status code the contract assigns to <paramref name="outcome"/>.</summary>
    /// <param name="outcome">The outcome.</param>
    public static int StatusCodeOf(WebhookReceiveOutcome outcome) => outcome switch
    {
        WebhookReceiveOutcome.Handled or WebhookReceiveOutcome.Duplicate or WebhookReceiveOutcome.Unhandled => 200,
        WebhookReceiveOutcome.InProgress => 409,
        WebhookReceiveOutcome.MissingHeader or WebhookReceiveOutcome.MalformedHeader or WebhookReceiveOutcome.InvalidPayload
            or WebhookReceiveOutcome.EventIdMismatch or WebhookReceiveOutcome.EventTypeMismatch => 400,
        WebhookReceiveOutcome.InvalidSignature or WebhookReceiveOutcome.TimestampOutsideTolerance => 401,
        WebhookReceiveOutcome.BodyTooLarge => 413,
        WebhookReceiveOutcome.UnsupportedContentType => 415,
        WebhookReceiveOutcome.HandlerFailed or WebhookReceiveOutcome.StoreFailed => 500,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome."),
    };

    /// <summary>A short, stable, lower-case code for the outcome (used in response bodies, logs and metric tags).</summary>
    /// <param name="outcome">The outcome.</param>
    public static string CodeOf(WebhookReceiveOutcome outcome) => outcome switch
    {
        WebhookReceiveOutcome.Handled => "handled",
        WebhookReceiveOutcome.Duplicate => "duplicate",
        WebhookReceiveOutcome.Unhandled => "unhandled",
        WebhookReceiveOutcome.InProgress => "in_progress",
        WebhookReceiveOutcome.MissingHeader => "missing_header",
        WebhookReceiveOutcome.MalformedHeader => "malformed_header",
        WebhookReceiveOutcome.InvalidPayload => "invalid_payload",
        WebhookReceiveOutcome.EventIdMismatch => "event_id_mismatch",
        WebhookReceiveOutcome.EventTypeMismatch => "event_type_mismatch",
        WebhookReceiveOutcome.InvalidSignature => "invalid_signature",
        WebhookReceiveOutcome.TimestampOutsideTolerance => "timestamp_outside_tolerance",
        WebhookReceiveOutcome.BodyTooLarge => "body_too_large",
        WebhookReceiveOutcome.UnsupportedContentType => "unsupported_content_type",
        WebhookReceiveOutcome.HandlerFailed => "handler_failed",
        WebhookReceiveOutcome.StoreFailed => "store_failed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome."),
    };

    /// <inheritdoc />
    public override string ToString() => EventId is null
        ? $"{StatusCode} {CodeOf(Outcome)}"
        : $"{StatusCode} {CodeOf(Outcome)} {EventId}";

    internal static WebhookReceiveResult Of(WebhookReceiveOutcome outcome) => Bare[(int)outcome];

    internal static WebhookReceiveResult Of(WebhookReceiveOutcome outcome, string? eventId, WebhookEventType? eventType = null, WebhookEvent? webhookEvent = null) =>
        eventId is null ? Bare[(int)outcome] : new(outcome, eventId, eventType, webhookEvent);

    private static WebhookReceiveResult[] CreateBare()
    {
        var values = Enum.GetValues<WebhookReceiveOutcome>();
        var bare = new WebhookReceiveResult[values.Length];
        foreach (var value in values)
        {
            bare[(int)value] = new WebhookReceiveResult(value, null, null, null);
        }

        return bare;
    }
}
