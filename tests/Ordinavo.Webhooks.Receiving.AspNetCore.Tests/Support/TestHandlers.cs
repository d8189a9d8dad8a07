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

public sealed class CollectingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CollectingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((category, logLevel, formatter(state, exception), exception));
    }
}
