namespace Ordinavo.Webhooks.Payloads;

/// <summary>The operational contact at the customer.</summary>
public sealed class ContactRecord : PayloadRecord
{
    /// <summary>Ordinavo's id of the contact.</summary>
    public required long Id { get; init; }

    /// <summary>The contact's display name (sent when the subscription includes contact details).</summary>
    public string? DisplayName { get; init; }

    /// <summary>The contact's e-mail address. Never sent.</summary>
    public string? Email { get; init; }

    /// <summary>The contact's phone number. Never sent.</summary>
    public string? Phone { get; init; }
}
