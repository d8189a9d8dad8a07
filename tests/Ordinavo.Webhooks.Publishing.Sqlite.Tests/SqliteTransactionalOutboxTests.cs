using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Publishing.Sqlite.Tests.Infrastructure;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Tests;

/// <summary>The host publishes inside its own SqliteTransaction on the same file: business change and webhook commit or roll back together.</summary>
public sealed class SqliteTransactionalOutboxTests : IAsyncLifetime
{
    private readonly TempDatabaseFile _file = new();

    public async Task InitializeAsync()
    {
        await using (var store = new SqliteWebhookOutboxStore(_file.Options()))
        {
            await store.EnsureSchemaAsync(CancellationToken.None);
        }

        await using var connection = await OpenHostConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE visit_reports (id INTEGER PRIMARY KEY, status TEXT NOT NULL);";
        await command.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync()
    {
        _file.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Business_change_and_webhook_commit_together_or_roll_back_together()
    {
        await using var store = new SqliteWebhookOutboxStore(_file.Options());
        var committed = WebhookIdentifiers.NewEventId();
        var rolledBack = WebhookIdentifiers.NewEventId();

        await using (var connection = await OpenHostConnectionAsync())
        {
            using (var transaction = connection.BeginTransaction())
            {
                await ApproveAsync(transaction, 1);
                Assert.True(await store.EnqueueAsync(TestEvents.Prepared(committed), transaction, CancellationToken.None));
                transaction.Commit();
            }

            using (var transaction = connection.BeginTransaction())
            {
                await ApproveAsync(transaction, 2);
                Assert.True(await store.EnqueueAsync(TestEvents.Prepared(rolledBack), transaction, CancellationToken.None));
                transaction.Rollback();
            }

            Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM visit_reports;"));
        }

        Assert.Single((await store.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = committed }, CancellationToken.None)).Items);
        Assert.Empty((await store.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = rolledBack }, CancellationToken.None)).Items);
        Assert.True(await store.EnqueueAsync(TestEvents.Prepared(rolledBack), CancellationToken.None));
        Assert.False(await store.EnqueueAsync(TestEvents.Prepared(committed), CancellationToken.None));
    }

    [Fact]
    public async Task Publishing_inside_a_transaction_into_a_file_without_the_schema_fails_clearly()
    {
        using var other = new TempDatabaseFile();
        Directory.CreateDirectory(other.Folder);
        await using var store = new SqliteWebhookOutboxStore(other.Options());
        await using var connection = new SqliteConnection($"Data Source={other.Path};Pooling=False");
        await connection.OpenAsync();
        using var transaction = connection.BeginTransaction();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.EnqueueAsync(TestEvents.Prepared(WebhookIdentifiers.NewEventId()), transaction, CancellationToken.None));
        Assert.Contains("EnsureSchemaAsync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_published_in_a_rolled_back_transaction_is_never_delivered()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        await using var node = await PublisherNode.StartAsync(receiver.Endpoint, builder => builder.UseSqliteStore(_file.Path));
        var store = node.Services.GetRequiredService<SqliteWebhookOutboxStore>();
        Assert.Same(store, node.Services.GetRequiredService<IWebhookOutboxStore>());
        var rolledBack = await node.Publisher.PrepareAsync(PublisherNode.NewEvent(WebhookIdentifiers.NewEventId(), 1), CancellationToken.None);
        var committed = await node.Publisher.PrepareAsync(PublisherNode.NewEvent(WebhookIdentifiers.NewEventId(), 2), CancellationToken.None);

        await using (var connection = await OpenHostConnectionAsync())
        {
            using (var transaction = connection.BeginTransaction())
            {
                await ApproveAsync(transaction, 10);
                Assert.True(await store.EnqueueAsync(rolledBack, transaction, CancellationToken.None));
                transaction.Rollback();
            }

            using (var transaction = connection.BeginTransaction())
            {
                await ApproveAsync(transaction, 11);
                Assert.True(await store.EnqueueAsync(committed, transaction, CancellationToken.None));
                transaction.Commit();
            }
        }

        // The committed event (enqueued after the rolled-back one) arrives: the worker has polled past the rolled-back one.
        Assert.True(await receiver.WaitForDistinctAsync(1, TimeSpan.FromSeconds(20)));
        await Task.Delay(300);
        Assert.Equal(1, receiver.CountOf(committed.EventId));
        Assert.Equal(0, receiver.CountOf(rolledBack.EventId));
        Assert.Equal(1, receiver.Total);
        Assert.Empty((await store.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = rolledBack.EventId }, CancellationToken.None)).Items);
    }

    private async Task<SqliteConnection> OpenHostConnectionAsync()
    {
        var connection = new SqliteConnection($"Data Source={_file.Path};Default Timeout=30");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ApproveAsync(SqliteTransaction transaction, long id)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO visit_reports (id, status) VALUES ($id, 'Approved');";
        command.Parameters.AddWithValue("$id", id);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
