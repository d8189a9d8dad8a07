using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>A managed subscription as the admin API shows it: definition, state and version, never a secret's value.</summary>
public sealed class AdminSubscription
{
    /// <summary>The subscription id.</summary>
    public required string Id { get; init; }

    /// <summary>The receiver's endpoint.</summary>
    public required string EndpointUrl { get; init; }

    /// <summary>The event type patterns (empty: all).</summary>
    public required IReadOnlyList<string> EventTypes { get; init; }

    /// <summary>The source system, or <see langword="null"/>.</summary>
    public string? SourceSystem { get; init; }

    /// <summary>The note for people, or <see langword="null"/>.</summary>
    public string? Description { get; init; }

    /// <summary>The payload options.</summary>
    public required AdminPayloadOptions PayloadOptions { get; init; }

    /// <summary>Whether attempts also carry the Standard Webhooks headers.</summary>
    public required bool StandardWebhooksHeaders { get; init; }

    /// <summary>Whether it receives events.</summary>
    public required bool IsEnabled { get; init; }

    /// <summary>Why it is disabled (<c>Manual</c>, <c>EndpointGone</c>, <c>FailingTooLong</c>), when it is.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<WebhookSubscriptionDisabledReason>))]
    public WebhookSubscriptionDisabledReason? DisabledReason { get; init; }

    /// <summary>When it was disabled, when it is.</summary>
    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>The operator's note given with the last disable or enable, or <see langword="null"/>.</summary>
    public string? StateNote { get; init; }

    /// <summary>When it was last disabled or enabled (by an operator or the delivery engine), or <see langword="null"/> when never.</summary>
    public DateTimeOffset? StateChangedAt { get; init; }

    /// <summary>The active secrets' dates, newest first.</summary>
    public required IReadOnlyList<AdminSecret> Secrets { get; init; }

    /// <summary>The version: send it back with a change (optimistic concurrency).</summary>
    public required long Version { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    internal static AdminSubscription From(WebhookSubscriptionInfo info) => new()
    {
        Id = info.Id,
        EndpointUrl = info.Definition.EndpointUrl.OriginalString,
        EventTypes = info.Definition.EventTypes,
        SourceSystem = info.Definition.SourceSystem,
        Description = info.Definition.Description,
        PayloadOptions = AdminPayloadOptions.From(info.Definition.PayloadOptions),
        StandardWebhooksHeaders = info.Definition.StandardWebhooksHeaders,
        IsEnabled = info.IsEnabled,
        DisabledReason = info.DisabledReason,
        DisabledAt = info.DisabledAt,
        StateNote = info.StateNote,
        StateChangedAt = info.StateChangedAt,
        Secrets = [.. info.Secrets.Select(s => new AdminSecret { CreatedAt = s.CreatedAt, ExpiresAt = s.ExpiresAt })],
        Version = info.Version,
        CreatedAt = info.CreatedAt,
        UpdatedAt = info.UpdatedAt,
    };
}
