using System;
using System.Text.Json.Serialization;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>The body of <c>POST /subscriptions/{id}/redeliver-dead-letters</c>: the window of creation times. Unknown members are refused (400).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class AdminRedeliverDeadLettersRequest
{
    /// <summary>Dead letters created at or after this time.</summary>
    public required DateTimeOffset CreatedFrom { get; set; }

    /// <summary>Dead letters created before this time (exclusive).</summary>
    public required DateTimeOffset CreatedBefore { get; set; }
}
