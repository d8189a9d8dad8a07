using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Storage;

/// <summary>
/// Group commit for the store's writes. SQLite has one writer and, with <c>synchronous=FULL</c>, every commit waits for
/// the disk (milliseconds). Writes that arrive while a commit is in progress are queued; the next caller to get the
/// write lock runs all queued writes in ONE transaction, each inside its own savepoint (a failing write is rolled back
/// alone and gets its exception), and commits once. Every caller's task completes only after that commit, so each
/// write is exactly as durable and atomic as with a transaction of its own, at a fraction of the disk flushes.
/// </summary>
internal sealed class SqliteWriteBatcher(Func<CancellationToken, Task<SqliteConnection>> open) : IDisposable
{
    /// <summary>
    /// The most writes in one transaction: enough to share one flush among every publisher and finish batch of a busy
    /// node, few enough that one failing batch (all of it is retried by its callers) or a long one stays small.
    /// </summary>
    private const int MaxBatch = 256;

    private readonly ConcurrentQueue<WriteOperation> _queue = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;
    private bool _disposed;

    /// <summary>Runs <paramref name="work"/> inside a write transaction (shared with other queued writes) and returns its result after the commit.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var operation = new WriteOperation<T>(work, cancellationToken);
        _queue.Enqueue(operation);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have run this write in its batch while this one waited for the lock.
            if (!operation.IsDone)
            {
                await RunBatchAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }

        return await operation.Task.ConfigureAwait(false);
    }

    private async Task RunBatchAsync()
    {
        var batch = new List<WriteOperation>();
        while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
        {
            if (!next.CancelIfRequested())
            {
                batch.Add(next);
            }
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _connection ??= await open(CancellationToken.None).ConfigureAwait(false);
            using var transaction = _connection.BeginTransaction(deferred: false);
            for (var i = 0; i < batch.Count; i++)
            {
                var savepoint = "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                transaction.Save(savepoint);
                try
                {
                    await batch[i].RunAsync(_connection, transaction).ConfigureAwait(false);
                    transaction.Release(savepoint);
                }
#pragma warning disable CA1031 // Whatever one write throws is handed to its caller; the other writes of the batch go on.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    transaction.Rollback(savepoint);
                    transaction.Release(savepoint);
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

    private void ResetConnection()
    {
        _connection?.Dispose();
        _connection = null;
    }

    private abstract class WriteOperation
    {
        public abstract bool IsDone { get; }

        public abstract bool CancelIfRequested();

        public abstract Task RunAsync(SqliteConnection connection, SqliteTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class WriteOperation<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) : WriteOperation
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;
        private bool _ran;

        public Task<T> Task => _completion.Task;

        public override bool IsDone => _completion.Task.IsCompleted;

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
