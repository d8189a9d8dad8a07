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
