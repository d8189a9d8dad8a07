namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>The tenant's share of the outbox queue at one moment.</summary>
public sealed class AdminQueueDepth
{
    /// <summary>Pending deliveries of the tenant (due, scheduled later or being attempted).</summary>
    public required long Pending { get; init; }

    /// <summary>Pending deliveries whose next attempt is due now and that no worker holds.</summary>
    public required long Due { get; init; }

    /// <summary>Whether counting stopped at the limit (10,000 pending deliveries): the numbers are then lower bounds.</summary>
    public required bool Truncated { get; init; }
}
