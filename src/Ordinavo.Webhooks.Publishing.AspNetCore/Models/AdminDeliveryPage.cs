using System.Collections.Generic;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>One page of the tenant's deliveries, ordered by id (creation order).</summary>
public sealed class AdminDeliveryPage
{
    /// <summary>The deliveries on this page.</summary>
    public required IReadOnlyList<AdminDelivery> Items { get; init; }

    /// <summary>Pass as <c>after</c> to read the next page; <see langword="null"/> on the last page.</summary>
    public string? NextAfter { get; init; }
}
