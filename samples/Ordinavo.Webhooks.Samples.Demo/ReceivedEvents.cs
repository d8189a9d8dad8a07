using System.Collections.Concurrent;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Samples.Demo;

/// <summary>What the demo receiver's handlers were given, per receiver and event (only verified events reach a handler).</summary>
internal sealed class ReceivedEvents
{
    private readonly ConcurrentDictionary<(string Receiver, string EventId), Entry> _entries = new();

    public void Record(string receiver, WebhookEvent webhookEvent, string action) =>
        _entries.AddOrUpdate(
            (receiver, webhookEvent.EventId),
            _ => new Entry(webhookEvent, action, 1),
            (_, existing) => existing with { TimesHandled = existing.TimesHandled + 1 });

    public Entry? Get(string receiver, string eventId) => _entries.TryGetValue((receiver, eventId), out var entry) ? entry : null;

    public int TimesHandled(string receiver, string eventId) => Get(receiver, eventId)?.TimesHandled ?? 0;

    public bool Any(string eventId) => _entries.Keys.Any(k => k.EventId == eventId);

    public int Count => _entries.Count;

    /// <summary>The events handled apart from <c>webhook.test</c> (an operator's test events are no deliveries).</summary>
    public int CountOfEvents => _entries.Values.Count(e => e.Event.EventType.Value != "webhook.test");

    public sealed record Entry(WebhookEvent Event, string Action, int TimesHandled);
}
