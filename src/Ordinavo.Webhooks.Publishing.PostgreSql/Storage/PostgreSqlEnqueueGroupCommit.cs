using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Storage;

/// <summary>
/// Group commit of concurrent publishes: events enqueued while a batch is being written go to PostgreSQL together as
/// the next batch, one statement per event in one <see cref="NpgsqlBatch"/> (one round trip, one implicit
/// transaction, one notification). Each statement is the single-event enqueue, so every event stays all-or-nothing
/// and idempotent by its id. A lone publish is written at once as before (no timer, no added wait). If a batch fails,
/// its events are written again one by one, so one bad event fails alone.
/// </summary>
internal sealed class PostgreSqlEnqueueGroupCommit(
    NpgsqlDataSource dataSource,
    string enqueueSql,
    Action<NpgsqlParameterCollection, WebhookPreparedEvent> addParameters)
{
    /// <summary>The most events in one batch: bounds the batch's parameters and the transaction's size.</summary>
    internal const int MaxBatch = 64;

    private readonly object _gate = new();
    private List<Pending> _queue = [];
    private bool _writing;

    /// <summary>Enqueues one event with the events that arrive while a batch is written.</summary>
    /// <returns><see langword="true"/> when stored; <see langword="false"/> when the event id was already enqueued.</returns>
    public async Task<bool> EnqueueAsync(WebhookPreparedEvent prepared, CancellationToken cancellationToken)
    {
        var pending = new Pending(prepared, cancellationToken);
        bool lead;
        lock (_gate)
        {
            _queue.Add(pending);
            lead = !_writing;
            _writing = true;
        }

        if (lead)
        {
            await WriteQueuedAsync().ConfigureAwait(false);
        }

        return await pending.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            List<Pending> batch;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }

                var take = Math.Min(_queue.Count, MaxBatch);
                batch = _queue.GetRange(0, take);
                _queue.RemoveRange(0, take);
            }

            batch.RemoveAll(static p => p.CancellationToken.IsCancellationRequested && p.Result.TrySetCanceled(p.CancellationToken));
            if (batch.Count == 1)
            {
                await WriteOneAsync(batch[0]).ConfigureAwait(false);
            }
            else if (batch.Count > 1)
            {
                await WriteBatchAsync(batch).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        try
        {
            await using var npgsqlBatch = dataSource.CreateBatch();
            foreach (var pending in batch)
            {
                var command = new NpgsqlBatchCommand(enqueueSql);
                addParameters(command.Parameters, pending.Prepared);
                npgsqlBatch.BatchCommands.Add(command);
            }

            var stored = new bool[batch.Count];
            await using (var reader = await npgsqlBatch.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    if (i > 0)
                    {
                        await reader.NextResultAsync().ConfigureAwait(false);
                    }

                    await reader.ReadAsync().ConfigureAwait(false);
                    stored[i] = reader.GetBoolean(0);
                }
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Result.TrySetResult(stored[i]);
            }
        }
        catch (Exception ex) when (ex is PostgresException or NpgsqlException)
        {
            // The whole batch was rolled back: write each event on its own, so only a failing one fails.
            foreach (var pending in batch)
            {
                await WriteOneAsync(pending).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteOneAsync(Pending pending)
    {
        try
        {
            await using var command = dataSource.CreateCommand(enqueueSql);
            addParameters(command.Parameters, pending.Prepared);
            await using var reader = await command.ExecuteReaderAsync(pending.CancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(pending.CancellationToken).ConfigureAwait(false);
            pending.Result.TrySetResult(reader.GetBoolean(0));
        }
        catch (Exception ex)
        {
            pending.Result.TrySetException(ex);
        }
    }

    private sealed class Pending(WebhookPreparedEvent prepared, CancellationToken cancellationToken)
    {
        public WebhookPreparedEvent Prepared { get; } = prepared;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<bool> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
