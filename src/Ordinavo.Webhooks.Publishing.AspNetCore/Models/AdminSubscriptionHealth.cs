using System;
using System.Text.Json.Serialization;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>The delivery health of one subscription, counted from its deliveries in the outbox.</summary>
public sealed class AdminSubscriptionHealth
{
    /// <summary>The subscription id.</summary>
    public required string SubscriptionId { get; init; }

    /// <summary>Whether it receives events.</summary>
    public required bool IsEnabled { get; init; }

    /// <summary>Why it is disabled, when it is.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<WebhookSubscriptionDisabledReason>))]
    public WebhookSubscriptionDisabledReason? DisabledReason { get; init; }

    /// <summary>Pending deliveries.</summary>
    public required long Pending { get; init; }

    /// <summary>Pending deliveries due now that no worker holds.</summary>
    public required long Due { get; init; }

    /// <summary>Deliveries that succeeded (still kept by retention).</summary>
    public required long Succeeded { get; init; }

    /// <summary>Dead-lettered deliveries (kept until redelivered or purged).</summary>
    public required long DeadLettered { get; init; }

    /// <summary>When a delivery last succeeded, or <see langword="null"/>.</summary>
    public DateTimeOffset? LastSuccessAt { get; init; }

    /// <summary>When the last attempt started, or <see langword="null"/>.</summary>
    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>The HTTP status of the last attempt, when it got one.</summary>
    public int? LastStatusCode { get; init; }

    /// <summary>The error kind of the last attempt.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<WebhookDeliveryErrorKind>))]
    public WebhookDeliveryErrorKind? LastErrorKind { get; init; }

    /// <summary>Whether counting stopped at the limit (10,000 deliveries): the numbers are then lower bounds.</summary>
    public required bool Truncated { get; init; }
}
