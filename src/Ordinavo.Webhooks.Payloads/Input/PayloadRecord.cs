using System.Collections.Generic;

namespace Ordinavo.Webhooks.Payloads;

/// <summary>
/// What every backend record handed to the builder has: the tenant it belongs to, its IDs in the connected source
/// systems and internal notes. The builder checks the tenant, shows at most the external ID of the subscription's own
/// source system, and never sends internal notes.
/// </summary>
public abstract class PayloadRecord
{
    /// <summary>The Ordinavo tenant that owns the record; it must equal the event's tenant or nothing is built.</summary>
    public required string TenantId { get; init; }

    /// <summary>
    /// The record's IDs in the connected source systems, keyed by source system (for example <c>logistics_erp</c>).
    /// A subscription sees only the ID of its own source system.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ExternalIds { get; init; }

    /// <summary>Internal notes of the tenant's staff. Never sent.</summary>
    public string? InternalNotes { get; init; }
}
