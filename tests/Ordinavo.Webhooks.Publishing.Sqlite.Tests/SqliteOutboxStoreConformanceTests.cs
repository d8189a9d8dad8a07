using Ordinavo.Webhooks.Publishing.Sqlite.Tests.Infrastructure;
using Ordinavo.Webhooks.Publishing.Testing;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Tests;

/// <summary>The store conformance suite on a real SQLite file: a new file for every test.</summary>
public sealed class SqliteOutboxStoreConformanceTests : WebhookOutboxStoreConformanceTests
{
    private readonly TempDatabaseFile _file = new();

    protected override async Task<IWebhookOutboxStore> CreateStoreAsync()
    {
        var store = new SqliteWebhookOutboxStore(_file.Options());
        await store.EnsureSchemaAsync(CancellationToken.None);
        return store;
    }

    protected override async Task DisposeStoreAsync(IWebhookOutboxStore store)
    {
        await base.DisposeStoreAsync(store);
        _file.Dispose();
    }
}
