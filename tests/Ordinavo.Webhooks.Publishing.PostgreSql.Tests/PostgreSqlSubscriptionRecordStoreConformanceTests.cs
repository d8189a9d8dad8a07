using Ordinavo.Webhooks.Publishing.PostgreSql.Tests.Infrastructure;
using Ordinavo.Webhooks.Publishing.Testing;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Tests;

/// <summary>The record store conformance suite on a real PostgreSQL server: a fresh schema for every test.</summary>
[RequiresPostgres]
public sealed class PostgreSqlSubscriptionRecordStoreConformanceTests : WebhookSubscriptionRecordStoreConformanceTests
{
    private PostgresTestDatabase? _database;
    private PostgreSqlWebhookOutboxStore? _outbox;

    protected override async Task<IWebhookSubscriptionRecordStore> CreateStoreAsync()
    {
        _database = PostgresTestDatabase.Create();
        _outbox = new PostgreSqlWebhookOutboxStore(_database.Options());
        await _outbox.EnsureSchemaAsync(CancellationToken.None);
        return new PostgreSqlWebhookSubscriptionRecordStore(_outbox);
    }

    protected override async Task DisposeStoreAsync(IWebhookSubscriptionRecordStore store)
    {
        await base.DisposeStoreAsync(store);
        if (_outbox is not null)
        {
            await _outbox.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
