using Microsoft.Data.Sqlite;
using Ordinavo.Webhooks.Publishing.Sqlite.Storage;
using Ordinavo.Webhooks.Publishing.Sqlite.Tests.Infrastructure;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Tests;

/// <summary>
/// The writer's flush per batch: with FlushEveryCommit, a batch holding an acknowledging write (a publish) commits with
/// synchronous=FULL, a batch of the worker's bookkeeping alone (lease, finish, health) with synchronous=NORMAL.
/// Each write reads the setting in effect for its own transaction.
/// </summary>
public sealed class SqliteWriteBatcherTests : IDisposable
{
    private const long Normal = 1;
    private const long Full = 2;

    private readonly TempDatabaseFile _file = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _file.Dispose();
    }

    [Fact]
    public async Task Only_batches_with_an_acknowledging_write_are_flushed_when_every_commit_is_to_be_flushed()
    {
        using var batcher = await CreateAsync(flushEveryCommit: true);

        Assert.Equal(Normal, await SynchronousAsync(batcher, SqliteWriteKind.Bookkeeping));
        Assert.Equal(Full, await SynchronousAsync(batcher, SqliteWriteKind.Acknowledging));
        Assert.Equal(Normal, await SynchronousAsync(batcher, SqliteWriteKind.Bookkeeping));
        Assert.Equal(Normal, await SynchronousAsync(batcher, SqliteWriteKind.Bookkeeping));
        Assert.Equal(Full, await SynchronousAsync(batcher, SqliteWriteKind.Acknowledging));

        // Queued together, a bookkeeping write shares the acknowledging write's flushed commit.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = batcher.WriteAsync(async (_, _, _) => { await release.Task; return 0L; }, SqliteWriteKind.Bookkeeping, CancellationToken.None);
        var bookkeeping = SynchronousAsync(batcher, SqliteWriteKind.Bookkeeping);
        var acknowledging = SynchronousAsync(batcher, SqliteWriteKind.Acknowledging);
        release.SetResult();
        await blocker;
        Assert.Equal(Full, await bookkeeping);
        Assert.Equal(Full, await acknowledging);
    }

    [Fact]
    public async Task Nothing_is_flushed_on_commit_when_commits_are_not_to_be_flushed()
    {
        using var batcher = await CreateAsync(flushEveryCommit: false);

        Assert.Equal(Normal, await SynchronousAsync(batcher, SqliteWriteKind.Acknowledging));
        Assert.Equal(Normal, await SynchronousAsync(batcher, SqliteWriteKind.Bookkeeping));
    }

    [Fact]
    public async Task A_failing_write_is_rolled_back_alone_and_the_writes_beside_it_commit()
    {
        using var batcher = await CreateAsync(flushEveryCommit: true);
        await batcher.WriteAsync((connection, transaction, ct) => ExecuteAsync(connection, transaction, "CREATE TABLE t (v INTEGER NOT NULL);", ct), SqliteWriteKind.Acknowledging, CancellationToken.None);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = batcher.WriteAsync(async (connection, transaction, ct) =>
        {
            started.SetResult();
            await release.Task;
            return await ExecuteAsync(connection, transaction, "INSERT INTO t VALUES (1);", ct);
        }, SqliteWriteKind.Acknowledging, CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var failing = batcher.WriteAsync<int>(async (connection, transaction, ct) =>
        {
            await ExecuteAsync(connection, transaction, "INSERT INTO t VALUES (2);", ct);
            throw new InvalidOperationException("refused");
        }, SqliteWriteKind.Acknowledging, CancellationToken.None);
        var third = batcher.WriteAsync((connection, transaction, ct) => ExecuteAsync(connection, transaction, "INSERT INTO t VALUES (3);", ct), SqliteWriteKind.Acknowledging, CancellationToken.None);
        release.SetResult();

        await first;
        await third;
        Assert.Equal("refused", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        var values = await batcher.WriteAsync(async (connection, transaction, ct) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT group_concat(v) FROM (SELECT v FROM t ORDER BY v);";
            return (string)(await command.ExecuteScalarAsync(ct))!;
        }, SqliteWriteKind.Bookkeeping, CancellationToken.None);
        Assert.Equal("1,3", values);
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<SqliteWriteBatcher> CreateAsync(bool flushEveryCommit)
    {
        var factory = new SqliteConnectionFactory(new SqliteWebhookOutboxStoreOptions { DatabasePath = _file.Path, FlushEveryCommit = flushEveryCommit });
        await factory.InitializeFileAsync(CancellationToken.None);
        return new SqliteWriteBatcher(factory.OpenAsync, flushEveryCommit);
    }

    private static Task<long> SynchronousAsync(SqliteWriteBatcher batcher, SqliteWriteKind kind) =>
        batcher.WriteAsync(async (connection, transaction, ct) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "PRAGMA synchronous;";
            return (long)(await command.ExecuteScalarAsync(ct))!;
        }, kind, CancellationToken.None);
}
