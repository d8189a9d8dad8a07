namespace Ordinavo.Webhooks.Contracts;

/// <summary>
/// The <c>contact</c> section: the operational contact at the customer, ids and display name only (no e-mail, no
/// phone). Subscriptions can leave it out with <c>IncludeContactDetails = false</c>.
/// </summary>
public sealed record WebhookContact
{
    /// <summary>Ordinavo's id of the contact.</summary>
    public long OrdinavoContactId { get; init; }

    /// <summary>The contact's id in the subscription's source system; absent when that system has none.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The contact's display name.</summary>
    public string? DisplayName { get; init; }
}
