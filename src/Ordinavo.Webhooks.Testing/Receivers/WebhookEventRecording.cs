using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace Ordinavo.Webhooks.Testing;

/// <summary>What the <see cref="RecordingWebhookHandler"/>s of a host saw (a singleton; thread-safe).</summary>
public sealed class WebhookEventRecording
{
    private readonly ConcurrentQueue<RecordedWebhookEvent> _events = new();

    /// <summary>The events handled, in order.</summary>
    public IReadOnlyList<RecordedWebhookEvent> Events => [.. _events];

    /// <summary>How often the event <paramref name="eventId"/> was handled (1 for a correctly deduplicated event).</summary>
    public int CountOf(string eventId) => _events.Count(e => e.EventId == eventId);

    internal void Add(RecordedWebhookEvent recorded) => _events.Enqueue(recorded);
}
