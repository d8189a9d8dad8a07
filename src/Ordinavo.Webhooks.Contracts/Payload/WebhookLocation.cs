namespace Ordinavo.Webhooks.Contracts;

/// <summary>
/// The <c>location</c> section: the site of the work. Coordinates are never sent; <see cref="HasCoordinates"/> says
/// whether Ordinavo has them.
/// </summary>
public sealed record WebhookLocation
{
    /// <summary>Ordinavo's id of the location.</summary>
    public long OrdinavoLocationId { get; init; }

    /// <summary>The location's id in the subscription's source system; absent when that system has none.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The location's name.</summary>
    public string? Name { get; init; }

    /// <summary>The city of the location.</summary>
    public string? City { get; init; }

    /// <summary>Whether Ordinavo holds coordinates for the location (the coordinates themselves are never sent).</summary>
    public bool HasCoordinates { get; init; }
}
