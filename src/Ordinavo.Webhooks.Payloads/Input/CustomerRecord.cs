namespace Ordinavo.Webhooks.Payloads;

/// <summary>The Ordinavo customer record an event concerns.</summary>
public sealed class CustomerRecord : PayloadRecord
{
    /// <summary>Ordinavo's id of the customer.</summary>
    public required long Id { get; init; }

    /// <summary>The customer number of the customer record (the only source of <c>customerNumber</c>).</summary>
    public string? CustomerNumber { get; init; }

    /// <summary>The customer's name.</summary>
    public string? Name { get; init; }

    /// <summary>An API key or access secret stored with the customer (for example for a customer portal). Never sent.</summary>
    public string? ApiKey { get; init; }
}
