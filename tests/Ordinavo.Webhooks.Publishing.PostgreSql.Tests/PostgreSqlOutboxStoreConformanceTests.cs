using Ordinavo.Webhooks.Publishing.PostgreSql.Tests.Infrastructure;
using Ordinavo.Webhooks.Publishing.Testing;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Tests;

/// <summary>The store conformance suite on a real PostgreSQL server: a fresh schema for every test.</summary>
[RequiresPostgres]
public sealed class PostgreSqlOutboxStoreConformanceTests : WebhookOutboxStoreConformanceTests
{
    private PostgresTestDatabase? _database;

    protected override async Task<IWebhookOutboxStore> CreateStoreAsync()
    {
        _database = PostgresTestDatabase.Create();
        var store = new PostgreSqlWebhookOutboxStore(_database.Options());
        await store.EnsureSchemaAsync(CancellationToken.None);
        return store;
    }

    protected override async Task DisposeStoreAsync(IWebhookOutboxStore store)
    {
        await base.DisposeStoreAsync(store);
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
