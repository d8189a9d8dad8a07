using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Ordinavo.Webhooks.Receiving;

namespace Ordinavo.Webhooks.Testing;

/// <summary>
/// What the application's receivers did with each verified event (a singleton; thread-safe), added by
/// <c>services.AddOrdinavoWebhookRecording()</c>. It only watches: an event no handler of the application takes is
/// recorded as <see cref="WebhookReceiveOutcome.Unhandled"/> and answered so.
/// </summary>
public sealed class WebhookEventRecording
{
    private readonly ConcurrentQueue<RecordedWebhookEvent> _events = new();

    /// <summary>Every verified event received, in order, with its outcome (a retry of an event appears once per request).</summary>
    public IReadOnlyList<RecordedWebhookEvent> Events => [.. _events];

    /// <summary>How often the application's handlers handled the event <paramref name="eventId"/> (1 for a correctly deduplicated event, 0 when none took it).</summary>
    /// <param name="eventId">The event id.</param>
    public int CountOf(string eventId) => _events.Count(e => e.EventId == eventId && e.Outcome == WebhookReceiveOutcome.Handled);

    /// <summary>The outcomes of the requests that carried the event <paramref name="eventId"/>, in order (empty when none arrived verified).</summary>
    /// <param name="eventId">The event id.</param>
    public IReadOnlyList<WebhookReceiveOutcome> OutcomesOf(string eventId) => [.. _events.Where(e => e.EventId == eventId).Select(e => e.Outcome)];

    internal void Add(RecordedWebhookEvent recorded) => _events.Enqueue(recorded);
}
