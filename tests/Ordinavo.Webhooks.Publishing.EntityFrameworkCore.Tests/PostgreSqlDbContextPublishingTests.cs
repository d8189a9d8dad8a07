using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using System.Diagnostics.Metrics;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Publishing.EntityFrameworkCore.Tests.Infrastructure;
using Ordinavo.Webhooks.Publishing.PostgreSql;

namespace Ordinavo.Webhooks.Publishing.EntityFrameworkCore.Tests;

/// <summary>
/// A backend publishes inside its EF Core unit of work on PostgreSQL (Npgsql EF provider): a fresh schema per test holds
/// the backend's table and the outbox; a publisher node delivers to a loopback receiver.
/// </summary>
[RequiresPostgres]
public sealed class PostgreSqlDbContextPublishingTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly string _schema = "ordinavo_test_" + Guid.NewGuid().ToString("N")[..16];
    private readonly TestMeterFactory _meters = new();
    private LoopbackReceiver _receiver = null!;
    private PublisherNode _node = null!;

    private static string ConnectionString => PostgresEnvironment.RequireConnectionString();

    private IWebhookDbContextPublisher Publisher => _node.Services.GetRequiredService<IWebhookDbContextPublisher>();

    private PostgreSqlWebhookOutboxStore Store => _node.Services.GetRequiredService<PostgreSqlWebhookOutboxStore>();

    public async Task InitializeAsync()
    {
        _receiver = await LoopbackReceiver.StartAsync();
        _node = await PublisherNode.StartAsync(_receiver.Endpoint, builder =>
        {
            builder.UsePostgreSqlStore(ConnectionString, o => o.SchemaName = _schema).AddEntityFrameworkCore();
            builder.Services.AddSingleton<IMeterFactory>(_meters);   // after AddHttpClient's own: the last registration wins
        });
        await Store.EnsureSchemaAsync(CancellationToken.None);
        await using var db = NewContext();
        await db.Database.ExecuteSqlRawAsync(ShopContext.CreateTableSql);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _receiver.DisposeAsync();
        _meters.Dispose();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE;", connection);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Commit_delivers_and_rollback_leaves_no_order_and_no_delivery()
    {
        var rolledBack = PublisherNode.NewEvent(WebhookIdentifiers.NewEventId(), 1);
        var committed = PublisherNode.NewEvent(WebhookIdentifiers.NewEventId(), 2);
        await using (var db = NewContext())
        {
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                db.Orders.Add(new Order { Id = 1 });
                await db.SaveChangesAsync();
                Assert.Equal(1, (await Publisher.PublishAsync(db, rolledBack, CancellationToken.None)).DeliveriesEnqueued);
                await transaction.RollbackAsync();
            }

            db.ChangeTracker.Clear();
            db.Orders.Add(new Order { Id = 2 });
            var result = await Publisher.SaveChangesAndPublishAsync(db, committed, CancellationToken.None);
            Assert.Equal(1, result.DeliveriesEnqueued);
            Assert.Null(db.Database.CurrentTransaction);
        }

        Assert.True(await _receiver.WaitForDistinctAsync(1, Timeout));
        await Task.Delay(300);
        Assert.Equal(1, _receiver.CountOf(committed.EventId!));
        Assert.Equal(0, _receiver.CountOf(rolledBack.EventId!));
        Assert.Empty((await Store.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = rolledBack.EventId }, CancellationToken.None)).Items);
        await using (var db = NewContext())
        {
            Assert.Equal([2L], await db.Orders.Select(o => o.Id).ToListAsync());
        }

        Assert.Equal(2L, _meters.PublishedCount);   // counted when enqueued in the caller's transaction (see the docs)
    }

    [Fact]
    public async Task Republishing_a_committed_event_id_in_a_new_transaction_is_a_duplicate()
    {
        var input = PublisherNode.NewEvent(WebhookIdentifiers.NewEventId(), 3);
        await using var db = NewContext();
        db.Orders.Add(new Order { Id = 3 });
        Assert.False((await Publisher.SaveChangesAndPublishAsync(db, input, CancellationToken.None)).IsDuplicate);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.True((await Publisher.PublishAsync(db, input, CancellationToken.None)).IsDuplicate);
            await transaction.CommitAsync();
        }

        Assert.Single((await Store.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = input.EventId }, CancellationToken.None)).Items);
        Assert.Equal(1L, _meters.PublishedCount);
    }

    [Fact]
    public async Task A_PostgreSQL_DbContext_with_the_SQLite_store_is_a_StoreMismatch()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ordinavo-ef-" + Guid.NewGuid().ToString("N")[..12]);
        var services = new ServiceCollection();
        services.AddOrdinavoWebhookPublisher().UseSqliteStore(Path.Combine(folder, "outbox.db")).UseInMemorySubscriptions().AddEntityFrameworkCore();
        await using var provider = services.BuildServiceProvider();
        var publisher = provider.GetRequiredService<IWebhookDbContextPublisher>();
        await using var db = NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync();

        var error = await Assert.ThrowsAsync<WebhookPublishingException>(() =>
            publisher.PublishAsync(db, PublisherNode.NewEvent(WebhookIdentifiers.NewEventId(), 4), CancellationToken.None));
        Assert.Equal(WebhookPublishingErrorReason.StoreMismatch, error.Reason);
        Assert.Contains("Npgsql", error.Message, StringComparison.Ordinal);
    }

    private ShopContext NewContext() => ShopContext.Postgres(ConnectionString, _schema);
}
