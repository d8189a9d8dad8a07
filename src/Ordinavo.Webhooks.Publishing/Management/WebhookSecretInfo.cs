using System;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>An active signing secret of a managed subscription, without its value.</summary>
public sealed class WebhookSecretInfo
{
    /// <summary>When the secret was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it stops signing (the end of a rotation's grace period), or <see langword="null"/> while it is the current one.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
