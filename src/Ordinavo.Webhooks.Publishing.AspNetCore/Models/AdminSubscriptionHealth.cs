using System;
using System.Text.Json.Serialization;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>
/// The delivery health of one subscription: its state, its queue, what happened to its deliveries in the last 24 hours
/// and its stored health (last success, failing since).
/// </summary>
public sealed class AdminSubscriptionHealth
{
    /// <summary>The subscription id.</summary>
    public required string SubscriptionId { get; init; }

    /// <summary>Whether it receives events.</summary>
    public required bool IsEnabled { get; init; }

    /// <summary>Why it is disabled, when it is.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<WebhookSubscriptionDisabledReason>))]
    public WebhookSubscriptionDisabledReason? DisabledReason { get; init; }

    /// <summary>Pending deliveries (due, scheduled later or being attempted).</summary>
    public required long Pending { get; init; }

    /// <summary>Pending deliveries due now that no worker holds.</summary>
    public required long Due { get; init; }

    /// <summary>The start of the counted window: 24 hours before the request (inclusive).</summary>
    public required DateTimeOffset WindowFrom { get; init; }

    /// <summary>The end of the counted window: the time of the request (exclusive).</summary>
    public required DateTimeOffset WindowBefore { get; init; }

    /// <summary>Deliveries that succeeded in the window.</summary>
    public required long Delivered { get; init; }

    /// <summary>Pending deliveries whose last attempt, in the window, failed: they wait for a retry.</summary>
    public required long Failed { get; init; }

    /// <summary>Deliveries dead-lettered in the window.</summary>
    public required long DeadLettered { get; init; }

    /// <summary>When an attempt last succeeded, or <see langword="null"/>.</summary>
    public DateTimeOffset? LastSuccessAt { get; init; }

    /// <summary>The first failed attempt since the last success, or <see langword="null"/> when the last attempt succeeded.</summary>
    public DateTimeOffset? FailingSince { get; init; }

    /// <summary>Whether counting stopped at the limit (10,000 pending deliveries, 10,000 outcomes in the window): the numbers are then lower bounds.</summary>
    public required bool Truncated { get; init; }
}
