using System;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// A managed subscription as a <see cref="IWebhookSubscriptionRecordStore"/> keeps it: the keys and the version as
/// columns, everything else in <see cref="Document"/>, a JSON document the manager writes and reads (its secrets are
/// encrypted with ASP.NET Core Data Protection before they reach the document).
/// </summary>
public sealed class WebhookSubscriptionRecord
{
    /// <summary>The subscription id (<c>sub_</c> + ULID for subscriptions the manager creates).</summary>
    public required string Id { get; init; }

    /// <summary>The tenant the subscription belongs to.</summary>
    public required string TenantId { get; init; }

    /// <summary>The version, 1 for a new record, raised by one on every change (optimistic concurrency).</summary>
    public required long Version { get; init; }

    /// <summary>When the subscription was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the record was last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The subscription's definition, state and encrypted secrets as JSON (opaque to the store).</summary>
    public required string Document { get; init; }
}
