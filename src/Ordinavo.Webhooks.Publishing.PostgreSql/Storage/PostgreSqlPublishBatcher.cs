using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Storage;

/// <summary>
/// Group commit for publishes: events published while a batch is on its way to the server are queued and go to the
/// server together as the next batch, in ONE statement (one round trip, one transaction, one notification), instead of
/// one statement, commit and notification each. A lone publish is written at once; there is no timer and no added wait.
/// </summary>
/// <remarks>
/// <para>
/// Each event stays all-or-nothing and idempotent: the statement stores an event and its deliveries together or not at
/// all, and an event id already stored (or already in the batch) stores nothing. When a batch fails as a whole, each of
/// its events is written again alone, so that one bad event fails only its own caller.
/// </para>
/// <para>
/// One batch is written at a time: concurrent statements that each commit and notify contend on the server's notification
/// queue lock and on the two tables' indexes, and one statement of many events carries them in one round trip anyway.
/// </para>
/// </remarks>
internal sealed class PostgreSqlPublishBatcher(Func<IReadOnlyList<WebhookPreparedEvent>, CancellationToken, Task<bool[]>> write)
{
    /// <summary>
    /// The most events in one statement: more publishers than this rarely wait at once, and a failed batch (written
    /// again event by event) stays short.
    /// </summary>
    internal const int MaxBatch = 64;

    private readonly ConcurrentQueue<Pending> _queue = new();

    /// <summary>1 while a write loop runs.</summary>
    private int _looping;

    /// <summary>
    /// Queues <paramref name="preparedEvent"/> for the next batch. A publish cancelled before its batch is taken is not
    /// written (its task is cancelled); once taken, it is written.
    /// </summary>
    /// <returns><see langword="true"/> when stored; <see langword="false"/> when the event id was already stored.</returns>
    public Task<bool> EnqueueAsync(WebhookPreparedEvent preparedEvent, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(cancellationToken);
        }

        var pending = new Pending(preparedEvent, cancellationToken);
        _queue.Enqueue(pending);
        if (Interlocked.CompareExchange(ref _looping, 1, 0) == 0)
        {
            _ = Task.Run(WriteLoopAsync, CancellationToken.None);
        }

        return pending.Result.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>();
        var repeated = new List<Pending>();
        var eventIds = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            while (!_queue.IsEmpty)
            {
                while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
                {
                    if (next.CancellationToken.IsCancellationRequested)
                    {
                        next.Result.TrySetCanceled(next.CancellationToken);
                    }
                    else if (eventIds.Add(next.Event.EventId))
                    {
                        batch.Add(next);
                    }
                    else
                    {
                        // The same event id twice in one statement would store it once but its deliveries twice: the
                        // second publish goes alone, after the first is stored, and finds it stored.
                        repeated.Add(next);
                    }
                }

                await WriteAsync(batch).ConfigureAwait(false);
                foreach (var pending in repeated)
                {
                    await WriteAsync([pending]).ConfigureAwait(false);
                }

                batch.Clear();
                repeated.Clear();
                eventIds.Clear();
            }

            Volatile.Write(ref _looping, 0);

            // A publish queued after the emptiness check above saw _looping still set and started no loop: take it here.
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _looping, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var events = new WebhookPreparedEvent[batch.Count];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = batch[i].Event;
        }

        try
        {
            // Taken publishes are written whatever their tokens say now: the statement is atomic, and a caller that
            // stopped waiting midway would not know whether its event was stored.
            var stored = await write(events, CancellationToken.None).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Result.TrySetResult(stored[i]);
            }
        }
#pragma warning disable CA1031 // The failure is handed to the callers (or each event is tried alone).
        catch (Exception exception)
#pragma warning restore CA1031
        {
            if (batch.Count == 1)
            {
                batch[0].Result.TrySetException(exception);
                return;
            }

            // Nothing of the batch was stored (one statement): write each event alone, so each caller gets its own answer.
            foreach (var pending in batch)
            {
                await WriteAsync([pending]).ConfigureAwait(false);
            }
        }
    }

    private sealed class Pending(WebhookPreparedEvent preparedEvent, CancellationToken cancellationToken)
    {
        public WebhookPreparedEvent Event { get; } = preparedEvent;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<bool> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
