using Ordinavo.Webhooks.Publishing.Sqlite.Tests.Infrastructure;
using Ordinavo.Webhooks.Publishing.Testing;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Tests;

/// <summary>The record store conformance suite on a real SQLite file: a new file for every test.</summary>
public sealed class SqliteSubscriptionRecordStoreConformanceTests : WebhookSubscriptionRecordStoreConformanceTests
{
    private readonly TempDatabaseFile _file = new();
    private SqliteWebhookOutboxStore? _outbox;

    protected override async Task<IWebhookSubscriptionRecordStore> CreateStoreAsync()
    {
        _outbox = new SqliteWebhookOutboxStore(_file.Options());
        await _outbox.EnsureSchemaAsync(CancellationToken.None);
        return new SqliteWebhookSubscriptionRecordStore(_outbox);
    }

    protected override async Task DisposeStoreAsync(IWebhookSubscriptionRecordStore store)
    {
        await base.DisposeStoreAsync(store);
        if (_outbox is not null)
        {
            await _outbox.DisposeAsync();
        }

        _file.Dispose();
    }
}
