using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Ordinavo.Webhooks.Shared;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Storage;

/// <summary>
/// Group commit for publishes: events published while a batch is on its way to the server are queued and go to the
/// server together as the next batch, in ONE statement (one round trip, one transaction), instead of one statement
/// and commit each. A lone publish is written at once; there is no timer and no added wait.
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
/// <para>
/// With notifications on, a batch notifies the other nodes unless a notification went out less than
/// <see cref="NotificationInterval"/> ago; the deliveries of a batch that did not notify are announced by one notification
/// of its own at the end of that interval. PostgreSQL serializes the commits of all transactions that notify (a lock
/// taken before the commit), so a notification per batch would hold up every publish behind the others; one per
/// interval wakes the other nodes at most that much later.
/// </para>
/// </remarks>
internal sealed class PostgreSqlPublishBatcher
{
    /// <summary>
    /// The most events in one statement: more publishers than this rarely wait at once, and a failed batch (written
    /// again event by event) stays short.
    /// </summary>
    internal const int MaxBatch = 64;

    /// <summary>
    /// The shortest time between two notifications of this node's publishes: short against the poll it stands in for,
    /// long against the milliseconds between batches of a busy node.
    /// </summary>
    internal static readonly TimeSpan NotificationInterval = TimeSpan.FromMilliseconds(20);

    private readonly Func<IReadOnlyList<WebhookPreparedEvent>, bool, CancellationToken, Task<bool[]>> _write;
    private readonly Func<Task>? _notify;
    private readonly Action<Exception> _notifyFailed;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<Pending> _queue = new();

    /// <summary>When the last notification went out (<see cref="TimeProvider.GetTimestamp"/>); 0 before the first.</summary>
    private long _notifiedAt;

    /// <summary>1 while a notification for deliveries stored without one is scheduled.</summary>
    private int _trailing;

    /// <summary>Whether deliveries were stored since the last notification without announcing them.</summary>
    private volatile bool _unannounced;

    private readonly DrainLoop _loop;

    /// <summary>The batch being taken from the queue and written, with the publishes of an event id already in it.</summary>
    private readonly List<Pending> _batch = [];
    private readonly List<Pending> _repeated = [];
    private readonly HashSet<string> _batchEventIds = new(StringComparer.Ordinal);

    /// <summary>Creates the batcher.</summary>
    /// <param name="write">Writes a batch in one statement; its flag says whether the statement notifies.</param>
    /// <param name="notify">Sends a notification alone; <see langword="null"/> when notifications are off.</param>
    /// <param name="notifyFailed">Told when a notification sent alone fails (the other nodes' poll finds the deliveries).</param>
    /// <param name="timeProvider">The clock of <see cref="NotificationInterval"/>.</param>
    public PostgreSqlPublishBatcher(
        Func<IReadOnlyList<WebhookPreparedEvent>, bool, CancellationToken, Task<bool[]>> write,
        Func<Task>? notify,
        Action<Exception> notifyFailed,
        TimeProvider timeProvider)
    {
        _write = write;
        _notify = notify;
        _notifyFailed = notifyFailed;
        _time = timeProvider;
        _loop = new DrainLoop(() => !_queue.IsEmpty, WriteNextBatchAsync);
    }

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
        _loop.Start();
        return pending.Result.Task;
    }

    /// <summary>One step of the write loop: takes the next batch from the queue and writes it.</summary>
    private async Task WriteNextBatchAsync()
    {
        while (_batch.Count < MaxBatch && _queue.TryDequeue(out var next))
        {
            if (next.CancellationToken.IsCancellationRequested)
            {
                next.Result.TrySetCanceled(next.CancellationToken);
            }
            else if (_batchEventIds.Add(next.Event.EventId))
            {
                _batch.Add(next);
            }
            else
            {
                // The same event id twice in one statement would store it once but its deliveries twice: the second
                // publish goes alone, after the first is stored, and finds it stored.
                _repeated.Add(next);
            }
        }

        try
        {
            await WriteAsync(_batch).ConfigureAwait(false);
            foreach (var pending in _repeated)
            {
                await WriteAsync([pending]).ConfigureAwait(false);
            }
        }
        finally
        {
            _batch.Clear();
            _repeated.Clear();
            _batchEventIds.Clear();
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
            var now = _time.GetTimestamp();
            var notify = _notify is not null && (_notifiedAt == 0 || _time.GetElapsedTime(_notifiedAt, now) >= NotificationInterval);
            var stored = await _write(events, notify, CancellationToken.None).ConfigureAwait(false);
            if (StoredDeliveries(events, stored))
            {
                // The statement notifies only when it stored deliveries (a duplicate or an event without deliveries
                // wakes nobody), so only then is there something announced, or to announce.
                if (notify)
                {
                    _notifiedAt = now;
                }
                else if (_notify is not null)
                {
                    AnnounceLater();
                }
            }

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

    private static bool StoredDeliveries(WebhookPreparedEvent[] events, bool[] stored)
    {
        for (var i = 0; i < events.Length; i++)
        {
            if (stored[i] && events[i].Deliveries.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Makes sure one notification goes out at the end of the interval for deliveries stored without one.</summary>
    private void AnnounceLater()
    {
        _unannounced = true;
        if (Interlocked.CompareExchange(ref _trailing, 1, 0) == 0)
        {
            _ = AnnounceAsync();
        }
    }

    private async Task AnnounceAsync()
    {
        await Task.Delay(NotificationInterval, _time).ConfigureAwait(false);

        // Cleared before the flag is read: deliveries stored from now on schedule another notification, or are covered
        // by this one when they set the flag before it is read below.
        Volatile.Write(ref _trailing, 0);
        if (!_unannounced)
        {
            return;
        }

        _unannounced = false;
        try
        {
            _notifiedAt = _time.GetTimestamp();
            await _notify!().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A lost notification costs the other nodes one poll interval, nothing else.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _notifyFailed(exception);
        }
    }

    private sealed class Pending(WebhookPreparedEvent preparedEvent, CancellationToken cancellationToken)
    {
        public WebhookPreparedEvent Event { get; } = preparedEvent;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<bool> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
