using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Ordinavo.Webhooks.Publishing;
using Ordinavo.Webhooks.Publishing.Sqlite;

namespace Ordinavo.Webhooks.Benchmarks.Subscriptions;

/// <summary>Publishing with managed subscriptions in a SQLite file (<see cref="SqliteWebhookSubscriptionRecordStore"/>) against the in-memory subscription store.</summary>
[BenchmarkCategory("SQLite")]
public class SqliteSubscriptionStorePublishBenchmarks : SubscriptionStorePublishBenchmarks
{
    private string _folder = null!;
    private SqliteWebhookOutboxStore _file = null!;

    protected override async Task<IWebhookSubscriptionRecordStore> CreateRecordStoreAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "ordinavo-subscription-bench-" + Guid.NewGuid().ToString("N"));
        _file = new SqliteWebhookOutboxStore(new SqliteWebhookOutboxStoreOptions { DatabasePath = Path.Combine(_folder, "webhooks.db") });
        await _file.EnsureSchemaAsync(CancellationToken.None);
        return new SqliteWebhookSubscriptionRecordStore(_file);
    }

    protected override async Task DisposeRecordStoreAsync()
    {
        await _file.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
