using System.Text.Json.Serialization;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>
/// The body of <c>PUT /subscriptions/{id}</c>: the whole new definition and the version it replaces (optimistic
/// concurrency: a version that is no longer current is a 409). Unknown members are refused (400).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class AdminSubscriptionUpdateRequest : AdminSubscriptionRequest
{
    /// <summary>The <see cref="AdminSubscription.Version"/> this change is based on.</summary>
    public required long Version { get; set; }
}
