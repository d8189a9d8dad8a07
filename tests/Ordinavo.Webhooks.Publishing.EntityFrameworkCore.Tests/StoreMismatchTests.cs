using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Publishing.EntityFrameworkCore.Tests.Infrastructure;

namespace Ordinavo.Webhooks.Publishing.EntityFrameworkCore.Tests;

/// <summary>A DbContext whose provider or database is not the outbox store's is a typed error, and nothing is saved.</summary>
public sealed class StoreMismatchTests
{
    [Fact]
    public async Task A_SQLite_DbContext_on_another_file_is_a_StoreMismatch()
    {
        await using var scenario = await SqliteScenario.StartAsync();
        var otherFile = Path.Combine(Path.GetDirectoryName(scenario.DatabasePath)!, "other.db");
        await using var db = ShopContext.Sqlite(otherFile);
        await db.Database.ExecuteSqlRawAsync(ShopContext.CreateTableSql);
        var input = SqliteScenario.NewEvent(1);
        db.Orders.Add(new Order { Id = 1 });

        var error = await Assert.ThrowsAsync<WebhookPublishingException>(() => scenario.Publisher.SaveChangesAndPublishAsync(db, input, CancellationToken.None));
        Assert.Equal(WebhookPublishingErrorReason.StoreMismatch, error.Reason);
        Assert.Contains(scenario.Store.DatabaseFile, error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(otherFile), error.Message, StringComparison.Ordinal);
        Assert.False(await db.Orders.AnyAsync());

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var inTransaction = await Assert.ThrowsAsync<WebhookPublishingException>(() => scenario.Publisher.PublishAsync(db, input, CancellationToken.None));
            Assert.Equal(WebhookPublishingErrorReason.StoreMismatch, inTransaction.Reason);
        }

        Assert.Equal(0, await scenario.StoredDeliveriesAsync(input.EventId!));
        Assert.Equal(0L, scenario.Meters.PublishedCount);
    }

    [Fact]
    public async Task An_in_memory_SQLite_DbContext_is_a_StoreMismatch()
    {
        await using var scenario = await SqliteScenario.StartAsync();
        await using var db = new ShopContext(new DbContextOptionsBuilder<ShopContext>().UseSqlite("Data Source=:memory:").Options);
        db.Orders.Add(new Order { Id = 1 });

        var error = await Assert.ThrowsAsync<WebhookPublishingException>(() => scenario.Publisher.SaveChangesAndPublishAsync(db, SqliteScenario.NewEvent(1), CancellationToken.None));
        Assert.Equal(WebhookPublishingErrorReason.StoreMismatch, error.Reason);
    }

    [Fact]
    public async Task A_SQLite_DbContext_with_the_PostgreSQL_store_is_a_StoreMismatch()
    {
        // The store is never reached: the mismatch is found before any I/O, so no server is needed.
        await using var services = Publisher(builder => builder.UsePostgreSqlStore("Host=127.0.0.1;Database=outbox;Username=app"));
        var publisher = services.GetRequiredService<IWebhookDbContextPublisher>();
        var path = Path.Combine(Path.GetTempPath(), "ordinavo-ef-" + Guid.NewGuid().ToString("N")[..12] + ".db");
        try
        {
            await using var db = ShopContext.Sqlite(path);
            await db.Database.ExecuteSqlRawAsync(ShopContext.CreateTableSql);
            db.Orders.Add(new Order { Id = 1 });

            var error = await Assert.ThrowsAsync<WebhookPublishingException>(() => publisher.SaveChangesAndPublishAsync(db, SqliteScenario.NewEvent(1), CancellationToken.None));
            Assert.Equal(WebhookPublishingErrorReason.StoreMismatch, error.Reason);
            Assert.Contains("PostgreSQL", error.Message, StringComparison.Ordinal);
            Assert.Contains("Microsoft.EntityFrameworkCore.Sqlite", error.Message, StringComparison.Ordinal);
            Assert.False(await db.Orders.AnyAsync());
            Assert.Null(db.Database.CurrentTransaction);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_PostgreSQL_DbContext_on_another_database_than_the_store_is_a_StoreMismatch()
    {
        await using var services = Publisher(builder => builder.UsePostgreSqlStore("Host=127.0.0.1;Database=outbox;Username=app"));
        var publisher = services.GetRequiredService<IWebhookDbContextPublisher>();
        await using var db = new ShopContext(new DbContextOptionsBuilder<ShopContext>().UseNpgsql("Host=127.0.0.1;Database=shop;Username=app").Options);
        db.Orders.Add(new Order { Id = 1 });

        var error = await Assert.ThrowsAsync<WebhookPublishingException>(() => publisher.SaveChangesAndPublishAsync(db, SqliteScenario.NewEvent(1), CancellationToken.None));
        Assert.Equal(WebhookPublishingErrorReason.StoreMismatch, error.Reason);
        Assert.Contains("'outbox'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'shop'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_in_memory_store_does_not_take_part_in_transactions()
    {
        await using var services = Publisher(builder => builder.UseInMemoryStore());
        var publisher = services.GetRequiredService<IWebhookDbContextPublisher>();
        var path = Path.Combine(Path.GetTempPath(), "ordinavo-ef-" + Guid.NewGuid().ToString("N")[..12] + ".db");
        try
        {
            await using var db = ShopContext.Sqlite(path);
            await using var transaction = await db.Database.BeginTransactionAsync();
            var error = await Assert.ThrowsAsync<WebhookPublishingException>(() => publisher.PublishAsync(db, SqliteScenario.NewEvent(1), CancellationToken.None));
            Assert.Equal(WebhookPublishingErrorReason.StoreMismatch, error.Reason);
            Assert.Contains("InMemoryWebhookOutboxStore", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    private static ServiceProvider Publisher(Action<IWebhookPublisherBuilder> useStore)
    {
        var services = new ServiceCollection();
        var builder = services.AddOrdinavoWebhookPublisher(o => o.AllowInsecureHttp = true);
        useStore(builder);
        builder.UseInMemorySubscriptions(store => store.Upsert(new WebhookSubscription
        {
            Id = PublisherNode.SubscriptionId,
            TenantId = PublisherNode.TenantId,
            EndpointUrl = new Uri("http://127.0.0.1:9/hooks"),
            Secrets = [Ordinavo.Webhooks.Signing.WebhookSecret.Generate()],
        })).AddEntityFrameworkCore();
        return services.BuildServiceProvider();
    }
}
