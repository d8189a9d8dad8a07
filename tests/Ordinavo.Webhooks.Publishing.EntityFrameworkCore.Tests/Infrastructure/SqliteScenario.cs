using Microsoft.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Payloads;
using Ordinavo.Webhooks.Publishing.Sqlite;

namespace Ordinavo.Webhooks.Publishing.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>
/// A backend on one SQLite file: its <see cref="ShopContext"/> and the outbox store share the file; a publisher node
/// (worker running) delivers to a Kestrel loopback receiver.
/// </summary>
public sealed class SqliteScenario : IAsyncDisposable
{
    private readonly string _folder;

    private SqliteScenario(string folder, LoopbackReceiver receiver, PublisherNode node, TestMeterFactory meters)
    {
        _folder = folder;
        Receiver = receiver;
        Node = node;
        Meters = meters;
    }

    public string DatabasePath => Path.Combine(_folder, "app.db");

    public LoopbackReceiver Receiver { get; }

    public PublisherNode Node { get; }

    public TestMeterFactory Meters { get; }

    public IWebhookDbContextPublisher Publisher => Node.Services.GetRequiredService<IWebhookDbContextPublisher>();

    public SqliteWebhookOutboxStore Store => Node.Services.GetRequiredService<SqliteWebhookOutboxStore>();

    public static async Task<SqliteScenario> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ordinavo-ef-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "app.db");
        var receiver = await LoopbackReceiver.StartAsync();
        var meters = new TestMeterFactory();
        var node = await PublisherNode.StartAsync(receiver.Endpoint, builder =>
        {
            builder.UseSqliteStore(path).AddEntityFrameworkCore();
            builder.Services.AddSingleton<IMeterFactory>(meters);   // after AddHttpClient's own: the last registration wins
        });
        await using (var db = ShopContext.Sqlite(path))
        {
            await db.Database.ExecuteSqlRawAsync(ShopContext.CreateTableSql);
        }

        return new SqliteScenario(folder, receiver, node, meters);
    }

    public ShopContext NewContext() => ShopContext.Sqlite(DatabasePath);

    public static WebhookEventInput NewEvent(long targetId, string? eventId = null) =>
        PublisherNode.NewEvent(eventId ?? WebhookIdentifiers.NewEventId(), targetId);

    public async Task<int> StoredDeliveriesAsync(string eventId) =>
        (await Store.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = eventId }, CancellationToken.None)).Items.Count;

    public async Task<bool> OrderExistsAsync(long id)
    {
        await using var db = NewContext();
        return await db.Orders.AnyAsync(o => o.Id == id);
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        await Receiver.DisposeAsync();
        Meters.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finalizing connection; the temp folder is cleaned by the OS.
        }
    }
}
