using System;
using System.Text.Json.Serialization;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>One delivery (one event to one subscription) as the admin API shows it, without its body.</summary>
public sealed class AdminDelivery
{
    /// <summary>The delivery id (a ULID, sortable by creation).</summary>
    public required string Id { get; init; }

    /// <summary>The event id (<c>evt_</c> + ULID).</summary>
    public required string EventId { get; init; }

    /// <summary>The subscription it goes to.</summary>
    public required string SubscriptionId { get; init; }

    /// <summary>The event type.</summary>
    public required string EventType { get; init; }

    /// <summary>The subscription's endpoint when the event was published.</summary>
    public required string EndpointUrl { get; init; }

    /// <summary>The state: <c>Pending</c>, <c>Succeeded</c> or <c>DeadLettered</c>.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<WebhookDeliveryState>))]
    public required WebhookDeliveryState State { get; init; }

    /// <summary>How many attempts were made since it was (re)queued.</summary>
    public required int AttemptCount { get; init; }

    /// <summary>When the next attempt is due (meaningful while pending).</summary>
    public required DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>When it was enqueued.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it succeeded or was dead-lettered, or <see langword="null"/> while pending.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>When the last attempt started, or <see langword="null"/>.</summary>
    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>The HTTP status of the last attempt, when it got one.</summary>
    public int? LastStatusCode { get; init; }

    /// <summary>The error kind of the last attempt (<c>None</c> when it succeeded or none was made).</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<WebhookDeliveryErrorKind>))]
    public required WebhookDeliveryErrorKind LastErrorKind { get; init; }

    /// <summary>Why it was dead-lettered, when it was.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<WebhookDeadLetterReason>))]
    public WebhookDeadLetterReason? DeadLetterReason { get; init; }

    internal static AdminDelivery From(WebhookDeliveryRecord record) => new()
    {
        Id = record.Id,
        EventId = record.EventId,
        SubscriptionId = record.SubscriptionId,
        EventType = record.EventType,
        EndpointUrl = record.EndpointUrl.OriginalString,
        State = record.State,
        AttemptCount = record.AttemptCount,
        NextAttemptAt = record.NextAttemptAt,
        CreatedAt = record.CreatedAt,
        CompletedAt = record.CompletedAt,
        LastAttemptAt = record.LastAttemptAt,
        LastStatusCode = record.LastStatusCode,
        LastErrorKind = record.LastErrorKind,
        DeadLetterReason = record.DeadLetterReason,
    };
}
