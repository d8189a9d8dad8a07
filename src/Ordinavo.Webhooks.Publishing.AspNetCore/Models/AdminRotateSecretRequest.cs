using System.Text.Json.Serialization;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>The optional body of <c>POST /subscriptions/{id}/rotate-secret</c>. Unknown members are refused (400).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class AdminRotateSecretRequest
{
    /// <summary>
    /// How many seconds the secrets active before keep signing beside the new one (0 drops them at once), or
    /// <see langword="null"/> for the publisher's default (24 hours unless configured).
    /// </summary>
    public long? GracePeriodSeconds { get; set; }

    /// <summary>The <see cref="AdminSubscription.Version"/> this change is based on, or <see langword="null"/> for any.</summary>
    public long? Version { get; set; }
}
