using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Publishing.PostgreSql.Tests.Infrastructure;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Tests;

/// <summary>The host publishes inside its own NpgsqlTransaction: business change and webhook commit or roll back together.</summary>
[RequiresPostgres]
public sealed class PostgreSqlTransactionalOutboxTests : IAsyncLifetime
{
    private PostgresTestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = PostgresTestDatabase.Create();
        await using var store = new PostgreSqlWebhookOutboxStore(_database.Options());
        await store.EnsureSchemaAsync(CancellationToken.None);
        await _database.ScalarAsync("CREATE TABLE __schema__.visit_reports (id bigint PRIMARY KEY, status text NOT NULL);");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Business_change_and_webhook_commit_together_or_roll_back_together()
    {
        await using var store = new PostgreSqlWebhookOutboxStore(_database.Options());
        var committed = WebhookIdentifiers.NewEventId();
        var rolledBack = WebhookIdentifiers.NewEventId();

        await using (var connection = await PostgresTestDatabase.DataSource.OpenConnectionAsync())
        {
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await ApproveAsync(connection, transaction, 1);
                Assert.True(await store.EnqueueAsync(TestEvents.Prepared(committed), transaction, CancellationToken.None));
                await transaction.CommitAsync();
            }

            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await ApproveAsync(connection, transaction, 2);
                Assert.True(await store.EnqueueAsync(TestEvents.Prepared(rolledBack), transaction, CancellationToken.None));
                await transaction.RollbackAsync();
            }
        }

        Assert.Equal(1L, await _database.ScalarAsync("SELECT count(*) FROM __schema__.visit_reports WHERE id = 1;"));
        Assert.Equal(0L, await _database.ScalarAsync("SELECT count(*) FROM __schema__.visit_reports WHERE id = 2;"));
        Assert.Single((await store.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = committed }, CancellationToken.None)).Items);
        Assert.Empty((await store.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = rolledBack }, CancellationToken.None)).Items);
        // The rolled-back event id was not remembered either: publishing it for real later works.
        Assert.True(await store.EnqueueAsync(TestEvents.Prepared(rolledBack), CancellationToken.None));
        Assert.False(await store.EnqueueAsync(TestEvents.Prepared(committed), CancellationToken.None));
    }

    [Fact]
    public async Task An_event_published_in_a_rolled_back_transaction_is_never_delivered()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        await using var node = await PublisherNode.StartAsync(receiver.Endpoint,
            builder => builder.UsePostgreSqlStore(PostgresTestDatabase.DataSource, o => o.SchemaName = _database.SchemaName));
        var store = node.Services.GetRequiredService<PostgreSqlWebhookOutboxStore>();
        var rolledBack = await node.Publisher.PrepareAsync(PublisherNode.NewEvent(WebhookIdentifiers.NewEventId(), 1), CancellationToken.None);
        var committed = await node.Publisher.PrepareAsync(PublisherNode.NewEvent(WebhookIdentifiers.NewEventId(), 2), CancellationToken.None);

        await using (var connection = await PostgresTestDatabase.DataSource.OpenConnectionAsync())
        {
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await ApproveAsync(connection, transaction, 10);
                Assert.True(await store.EnqueueAsync(rolledBack, transaction, CancellationToken.None));
                await transaction.RollbackAsync();
            }

            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await ApproveAsync(connection, transaction, 11);
                Assert.True(await store.EnqueueAsync(committed, transaction, CancellationToken.None));
                await transaction.CommitAsync();
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

    private async Task ApproveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long id)
    {
        await using var command = new NpgsqlCommand($"INSERT INTO \"{_database.SchemaName}\".visit_reports (id, status) VALUES ($1, 'Approved');", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await command.ExecuteNonQueryAsync();
    }
}
