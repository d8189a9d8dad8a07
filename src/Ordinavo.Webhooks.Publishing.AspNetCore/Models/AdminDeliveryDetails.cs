using System.Collections.Generic;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>One delivery with its attempts, oldest first.</summary>
public sealed class AdminDeliveryDetails
{
    /// <summary>The delivery.</summary>
    public required AdminDelivery Delivery { get; init; }

    /// <summary>Its attempts, oldest first (kept across redeliveries).</summary>
    public required IReadOnlyList<AdminAttempt> Attempts { get; init; }
}
