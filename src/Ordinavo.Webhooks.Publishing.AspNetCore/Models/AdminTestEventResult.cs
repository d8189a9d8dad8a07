namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>The outcome of a signed <c>webhook.test</c> event sent to a subscription (nothing is stored).</summary>
public sealed class AdminTestEventResult
{
    /// <summary>The test event's id.</summary>
    public required string EventId { get; init; }

    /// <summary>Whether the endpoint answered 2xx.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>The attempt.</summary>
    public required AdminAttempt Attempt { get; init; }
}
