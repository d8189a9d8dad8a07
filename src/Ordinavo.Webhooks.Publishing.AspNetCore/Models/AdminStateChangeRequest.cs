using System.Text.Json.Serialization;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>
/// The optional body of disable and enable: the operator's note and, with a version, the change is made only when it
/// is still current (409 otherwise). Unknown members are refused (400).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class AdminStateChangeRequest
{
    /// <summary>
    /// A short note on why (at most 200 characters, no control characters; 400 naming <c>note</c> otherwise), shown with
    /// the subscription as <c>stateNote</c>; never logged or sent to the endpoint.
    /// </summary>
    public string? Note { get; set; }

    /// <summary>The <see cref="AdminSubscription.Version"/> this change is based on, or <see langword="null"/> for any.</summary>
    public long? Version { get; set; }
}
