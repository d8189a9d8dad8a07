using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>The body of <c>POST /subscriptions</c>: what the integration client chooses. Unknown members are refused (400).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public class AdminSubscriptionRequest
{
    /// <summary>The receiver's endpoint: an absolute <c>https://</c> URL of at most 2048 characters.</summary>
    public required string EndpointUrl { get; set; }

    /// <summary>Event types of the catalog, categories (<c>visit_report.*</c>) or <c>*</c>; empty or left out means all (at most 64).</summary>
    public IList<string> EventTypes { get; set; } = [];

    /// <summary>The source system for external ids (1 to 64 printable ASCII characters), or <see langword="null"/>.</summary>
    public string? SourceSystem { get; set; }

    /// <summary>A note for people (at most 256 characters), or <see langword="null"/>.</summary>
    public string? Description { get; set; }

    /// <summary>The payload options (contract defaults when left out).</summary>
    public AdminPayloadOptions PayloadOptions { get; set; } = new();

    /// <summary>Whether attempts also carry the Standard Webhooks headers (default <see langword="false"/>).</summary>
    public bool StandardWebhooksHeaders { get; set; }
}
