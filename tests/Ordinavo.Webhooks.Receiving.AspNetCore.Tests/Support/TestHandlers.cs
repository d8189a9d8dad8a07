using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Ordinavo.Webhooks.Receiving;

namespace Ordinavo.Webhooks.Receiving.AspNetCore.Tests;

public sealed class HandlerLog
{
    public ConcurrentQueue<WebhookEventContext> Calls { get; } = new();

    public Func<WebhookEventContext, CancellationToken, Task>? Behavior { get; set; }

    public int Successes;

    public int CountFor(string? eventId) => Calls.Count(c => c.EventId == eventId);
}

public sealed class RecordingHandler(HandlerLog log) : IWebhookHandler
{
    public async Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken)
    {
        log.Calls.Enqueue(context);

        // Like a real handler, read the typed event while the request is handled (the tests look at it afterwards).
        _ = context.Event;
        if (log.Behavior is { } behavior)
        {
            await behavior(context, cancellationToken);
        }

        Interlocked.Increment(ref log.Successes);
    }
}
