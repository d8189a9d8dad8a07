using System.Collections.Concurrent;

namespace Ordinavo.Webhooks.Receiving.Tests;

/// <summary>What the test handlers saw, and what they should do next (a singleton in each test's container).</summary>
public sealed class HandlerLog
{
    public ConcurrentQueue<(string Handler, WebhookEventContext Context)> Calls { get; } = new();

    /// <summary>Runs inside every handler call before it records success; throw to fail the handler.</summary>
    public Func<WebhookEventContext, CancellationToken, Task>? Behavior { get; set; }

    public int Successes;

    public int CountFor(string eventId) => Calls.Count(c => c.Context.EventId == eventId);
}

public sealed class RecordingHandler(HandlerLog log) : IWebhookHandler
{
    public async Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken)
    {
        log.Calls.Enqueue((nameof(RecordingHandler), context));

        // Like a real handler, read the typed event while the request is handled (the tests look at it afterwards).
        _ = context.Event;
        if (log.Behavior is { } behavior)
        {
            await behavior(context, cancellationToken);
        }

        Interlocked.Increment(ref log.Successes);
    }
}

public sealed class SecondHandler(HandlerLog log) : IWebhookHandler
{
    public Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken)
    {
        log.Calls.Enqueue((nameof(SecondHandler), context));
        return Task.CompletedTask;
    }
}
