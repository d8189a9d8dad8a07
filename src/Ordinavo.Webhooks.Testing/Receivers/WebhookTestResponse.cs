using System.Net;

namespace Ordinavo.Webhooks.Testing;

/// <summary>A receiver's answer to a test request: the status and the outcome the endpoint reported.</summary>
public sealed class WebhookTestResponse
{
    /// <summary>The HTTP status.</summary>
    public required HttpStatusCode StatusCode { get; init; }

    /// <summary>
    /// The <c>outcome</c> member of an Ordinavo receiver's answer (<c>handled</c>, <c>duplicate</c>, <c>unhandled</c>,
    /// <c>invalid_signature</c>, ...), or <see langword="null"/> when the answer has none.
    /// </summary>
    public string? Outcome { get; init; }

    /// <summary>The id of the event sent.</summary>
    public required string EventId { get; init; }

    /// <summary>The body of the answer.</summary>
    public required string Body { get; init; }

    /// <summary>Whether at least one handler ran and completed (<c>200</c>, outcome <c>handled</c>).</summary>
    public bool IsHandled => StatusCode == HttpStatusCode.OK && Outcome == "handled";

    /// <summary>The status, outcome and event id.</summary>
    public override string ToString() => $"{(int)StatusCode} {Outcome ?? "(no outcome)"} for {EventId}";
}
