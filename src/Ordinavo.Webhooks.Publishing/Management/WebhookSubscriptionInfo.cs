using System;
using System.Collections.Generic;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>A managed subscription as people and APIs see it: its definition, state and version, never a secret.</summary>
public sealed class WebhookSubscriptionInfo
{
    /// <summary>The longest <see cref="StateNote"/> accepted, in characters.</summary>
    public const int MaxStateNoteLength = 200;

    /// <summary>The subscription id.</summary>
    public required string Id { get; init; }

    /// <summary>The tenant it belongs to.</summary>
    public required string TenantId { get; init; }

    /// <summary>The definition (endpoint, event types, options).</summary>
    public required WebhookSubscriptionDefinition Definition { get; init; }

    /// <summary>Whether it receives events.</summary>
    public required bool IsEnabled { get; init; }

    /// <summary>Why it is disabled, when it is.</summary>
    public WebhookSubscriptionDisabledReason? DisabledReason { get; init; }

    /// <summary>When it was disabled, when it is.</summary>
    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>
    /// The operator's note given with the last disable or enable (for example why it was disabled), or
    /// <see langword="null"/>. Data of the tenant's operators: shown to them, never logged, sent or added to telemetry.
    /// </summary>
    public string? StateNote { get; init; }

    /// <summary>When it was last disabled or enabled (by an operator or by the delivery engine), or <see langword="null"/> when never.</summary>
    public DateTimeOffset? StateChangedAt { get; init; }

    /// <summary>The active secrets' dates, newest first (their values are never readable again).</summary>
    public required IReadOnlyList<WebhookSecretInfo> Secrets { get; init; }

    /// <summary>The version: pass it back to change the subscription (optimistic concurrency).</summary>
    public required long Version { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}
