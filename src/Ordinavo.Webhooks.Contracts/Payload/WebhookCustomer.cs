namespace Ordinavo.Webhooks.Contracts;

/// <summary>
/// The <c>customer</c> section: the customer record the event concerns. <see cref="CustomerNumber"/> is always read
/// from the Ordinavo customer record, never from legacy target fields.
/// </summary>
public sealed record WebhookCustomer
{
    /// <summary>Ordinavo's id of the customer.</summary>
    public long OrdinavoCustomerId { get; init; }

    /// <summary>The customer's id in the subscription's source system; absent when that system has none.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The customer number of the Ordinavo customer record.</summary>
    public string? CustomerNumber { get; init; }

    /// <summary>The customer's name.</summary>
    public string? Name { get; init; }
}
