namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>How many deliveries were queued again.</summary>
public sealed class AdminRedeliveryResult
{
    /// <summary>The number of deliveries due again now.</summary>
    public required int Requeued { get; init; }
}
