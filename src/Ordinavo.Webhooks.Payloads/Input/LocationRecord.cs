namespace Ordinavo.Webhooks.Payloads;

/// <summary>The location (site) record of the work.</summary>
public sealed class LocationRecord : PayloadRecord
{
    /// <summary>Ordinavo's id of the location.</summary>
    public required long Id { get; init; }

    /// <summary>The location's name.</summary>
    public string? Name { get; init; }

    /// <summary>The street address. Not sent.</summary>
    public string? Street { get; init; }

    /// <summary>The postal code. Not sent.</summary>
    public string? PostalCode { get; init; }

    /// <summary>The city (sent).</summary>
    public string? City { get; init; }

    /// <summary>The latitude. Never sent; the payload says only whether coordinates exist.</summary>
    public double? Latitude { get; init; }

    /// <summary>The longitude. Never sent; the payload says only whether coordinates exist.</summary>
    public double? Longitude { get; init; }

    /// <summary>A door, gate or key-safe code for the site. Never sent.</summary>
    public string? AccessCode { get; init; }
}
