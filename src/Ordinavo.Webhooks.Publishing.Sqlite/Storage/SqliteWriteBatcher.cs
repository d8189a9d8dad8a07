using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Ordinavo.Webhooks.Shared;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Storage;

/// <summary>
/// Group commit for the store's writes. SQLite has one writer and, with <c>synchronous=FULL</c>, every commit waits for
/// the disk (milliseconds). Writes are queued; one write loop (started on the thread pool when a write arrives and no
/// loop runs, ended when the queue is empty) runs all queued writes in ONE transaction, each inside its own savepoint
/// (a failing write is rolled back alone and gets its exception), and commits once. Every caller's task completes only
/// after that commit, so each write is exactly as durable and atomic as with a transaction of its own, at a fraction
/// of the disk flushes.
/// </summary>
/// <remarks>
/// Callers never take a lock: they queue their write and wait for its task. A design where each caller waits for the
/// write lock and finds its write already done hands the lock through every caller of a batch, one thread-pool
/// continuation after the other, before the next batch can start; with a single loop the next batch starts as soon as
/// the commit returns (measured with the store throughput benchmark, see docs/benchmarks.md).
///
/// With <c>flushAcknowledgingWrites</c>, a batch is flushed (<c>synchronous=FULL</c>) only when it holds a
/// <see cref="SqliteWriteKind.Acknowledging"/> write; a batch of the worker's bookkeeping alone commits with
/// <c>synchronous=NORMAL</c> (see <see cref="SqliteWriteKind.Bookkeeping"/>). The setting is switched on the writer
/// connection between transactions, only when it changes.
/// </remarks>
internal sealed class SqliteWriteBatcher : IDisposable
{
    /// <summary>
    /// The most writes in one transaction: enough to share one flush among every publisher and finish batch of a busy
    /// node, few enough that one failing batch (all of it is retried by its callers) or a long one stays small.
    /// </summary>
    private const int MaxBatch = 256;

    private readonly Func<CancellationToken, Task<SqliteConnection>> _open;
    private readonly ConcurrentQueue<WriteOperation> _queue = new();
    private readonly DrainLoop _loop;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;
    private SqliteCommand? _synchronousFull;
    private SqliteCommand? _synchronousNormal;
    private SavepointCommands? _savepoints;

    private readonly bool _flushAcknowledgingWrites;

    /// <summary>Whether the writer connection is at <c>synchronous=FULL</c> now (a fresh connection starts there when flushing).</summary>
    private bool _flushing;
    private bool _disposed;

    /// <summary>Creates the writer.</summary>
    /// <param name="open">Opens the writer connection (once, and again after a failed commit).</param>
    /// <param name="flushAcknowledgingWrites">Whether a batch holding an acknowledging write is flushed (<c>synchronous=FULL</c>).</param>
    public SqliteWriteBatcher(Func<CancellationToken, Task<SqliteConnection>> open, bool flushAcknowledgingWrites)
    {
        _open = open;
        _flushAcknowledgingWrites = flushAcknowledgingWrites;
        _flushing = flushAcknowledgingWrites;
        _loop = new DrainLoop(() => !_queue.IsEmpty, WriteNextBatchAsync);
    }

    /// <summary>Runs <paramref name="work"/> inside a write transaction (shared with other queued writes) and returns its result after the commit.</summary>
    /// <remarks>A write whose <paramref name="cancellationToken"/> is cancelled before the loop takes it is not run (its task is cancelled); once taken, it runs to its commit.</remarks>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> work, SqliteWriteKind kind, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var operation = new WriteOperation<T>(work, kind, cancellationToken);
        _queue.Enqueue(operation);
        _loop.Start();
        return operation.Task;
    }

    /// <summary>One step of the write loop: the next batch, under the lock that <see cref="Dispose"/> takes too.</summary>
    private async Task WriteNextBatchAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await RunBatchAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed batch has already handed its exception to each of its writes.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RunBatchAsync()
    {
        var batch = new List<WriteOperation>();
        var acknowledging = false;
        if (!TakeQueued(batch, ref acknowledging))
        {
            return;
        }

        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _connection ??= await _open(CancellationToken.None).ConfigureAwait(false);
            if (_flushAcknowledgingWrites && acknowledging != _flushing)
            {
                // Outside a transaction: the setting applies to the commits that follow.
                SetSynchronous(_connection, full: acknowledging);
            }

            using var transaction = _connection.BeginTransaction(deferred: false);
            var savepoints = Savepoints(_connection);
            for (var i = 0; i < batch.Count; i++)
            {
                savepoints.Save.Transaction = transaction;
                savepoints.Save.ExecuteNonQuery();
                try
                {
                    await batch[i].RunAsync(_connection, transaction).ConfigureAwait(false);
                    savepoints.Release.Transaction = transaction;
                    savepoints.Release.ExecuteNonQuery();
                }
#pragma warning disable CA1031 // Whatever one write throws is handed to its caller; the other writes of the batch go on.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    savepoints.Rollback.Transaction = transaction;
                    savepoints.Rollback.ExecuteNonQuery();
                    savepoints.Release.Transaction = transaction;
                    savepoints.Release.ExecuteNonQuery();
                    batch[i].Fail(exception);
                }
            }

            transaction.Commit();
        }
        catch (Exception exception)
        {
            // The commit (or the transaction) failed: nothing of this batch is stored. Start over with a fresh connection.
            foreach (var operation in batch)
            {
                operation.Fail(exception);
            }

            ResetConnection();
            throw;
        }

        foreach (var operation in batch)
        {
            operation.Complete();
        }
    }

    /// <summary>Moves queued writes into <paramref name="batch"/> (at most <see cref="MaxBatch"/>), dropping cancelled ones.</summary>
    /// <returns>Whether at least one write was taken.</returns>
    private bool TakeQueued(List<WriteOperation> batch, ref bool acknowledging)
    {
        while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
        {
            if (!next.CancelIfRequested())
            {
                batch.Add(next);
                acknowledging |= next.Kind == SqliteWriteKind.Acknowledging;
            }
        }

        return batch.Count > 0;
    }

    /// <summary>
    /// The writer connection's savepoint statements, prepared once per connection: every write of a batch runs inside
    /// the same savepoint name, released before the next write begins.
    /// </summary>
    private SavepointCommands Savepoints(SqliteConnection connection)
    {
        if (_savepoints is { } existing)
        {
            return existing;
        }

        SqliteCommand Create(string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }

        return _savepoints = new SavepointCommands(Create("SAVEPOINT w;"), Create("RELEASE w;"), Create("ROLLBACK TO w;"));
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _disposed = true;
            ResetConnection();
        }
        finally
        {
            _gate.Release();
        }
    }

    private void SetSynchronous(SqliteConnection connection, bool full)
    {
        ref var command = ref full ? ref _synchronousFull : ref _synchronousNormal;
        if (command is null)
        {
            command = connection.CreateCommand();
            command.CommandText = full ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;";
        }

        command.ExecuteNonQuery();
        _flushing = full;
    }

    private void ResetConnection()
    {
        _synchronousFull?.Dispose();
        _synchronousNormal?.Dispose();
        _synchronousFull = null;
        _synchronousNormal = null;
        _savepoints?.Dispose();
        _savepoints = null;
        _connection?.Dispose();
        _connection = null;
        _flushing = _flushAcknowledgingWrites;
    }

    private sealed record SavepointCommands(SqliteCommand Save, SqliteCommand Release, SqliteCommand Rollback) : IDisposable
    {
        public void Dispose()
        {
            Save.Dispose();
            Release.Dispose();
            Rollback.Dispose();
        }
    }

    private abstract class WriteOperation(SqliteWriteKind kind)
    {
        public SqliteWriteKind Kind { get; } = kind;

        public abstract bool CancelIfRequested();

        public abstract Task RunAsync(SqliteConnection connection, SqliteTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class WriteOperation<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> work, SqliteWriteKind kind, CancellationToken cancellationToken)
        : WriteOperation(kind)
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;
        private bool _ran;

        public Task<T> Task => _completion.Task;

        public override bool CancelIfRequested() => cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);

        public override async Task RunAsync(SqliteConnection connection, SqliteTransaction transaction)
        {
            _result = await work(connection, transaction, cancellationToken).ConfigureAwait(false);
            _ran = true;
        }

        public override void Complete()
        {
            if (_ran)
            {
                _completion.TrySetResult(_result);
            }
        }

        public override void Fail(Exception exception)
        {
            _ran = false;
            _completion.TrySetException(exception);
        }
    }
}
