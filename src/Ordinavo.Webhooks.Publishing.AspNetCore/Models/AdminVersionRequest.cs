using System.Text.Json.Serialization;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>
/// The optional body of expire-old-secrets: with a version, the change is made only when it is
/// still current (409 otherwise). Unknown members are refused (400).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class AdminVersionRequest
{
    /// <summary>The <see cref="AdminSubscription.Version"/> this change is based on, or <see langword="null"/> for any.</summary>
    public long? Version { get; set; }
}
