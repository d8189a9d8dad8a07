using System;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>An active signing secret of a subscription, without its value (never readable again after it was issued).</summary>
public sealed class AdminSecret
{
    /// <summary>When the secret was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it stops signing (the end of a rotation's grace period), or <see langword="null"/> while it is the current one.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
