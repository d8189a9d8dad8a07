using System.Collections.Concurrent;
using Ordinavo.Webhooks.Receiving;

namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>What the handlers of a host do beyond their effect: fail, wait, or record what they saw.</summary>
public sealed class HandlerControl
{
    /// <summary>Events whose handling throws after the effect row was saved (once each, when listed in <see cref="FailOnce"/>).</summary>
    public ConcurrentDictionary<string, bool> FailOnce { get; } = new();

    /// <summary>How long each handler waits after saving its effect (widens the window of concurrent duplicates).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The context each handled event saw: event id, stale flag, latest handled occurredAt.</summary>
    public ConcurrentQueue<(string EventId, bool IsStale, DateTimeOffset? Latest)> Seen { get; } = new();
}

/// <summary>A handler with a business effect: it inserts one row into the integrator's table and saves it.</summary>
public sealed class EffectHandler(InboxTestContext db, HandlerControl control) : IWebhookHandler
{
    public async Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken)
    {
        control.Seen.Enqueue((context.EventId, context.IsStale, context.LatestHandledOccurredAt));
        db.Effects.Add(new Effect { EventId = context.EventId, Receiver = context.ReceiverName });
        await db.SaveChangesAsync(cancellationToken);
        if (control.Delay > TimeSpan.Zero)
        {
            await Task.Delay(control.Delay, cancellationToken);
        }

        if (control.FailOnce.TryRemove(context.EventId, out _))
        {
            throw new InvalidOperationException("The handler failed (test).");
        }
    }
}

/// <summary>A handler that does not touch the context: the inbox marks its events all the same.</summary>
public sealed class CountingHandler(HandlerControl control) : IWebhookHandler
{
    public Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken)
    {
        control.Seen.Enqueue((context.EventId, context.IsStale, context.LatestHandledOccurredAt));
        return Task.CompletedTask;
    }
}
