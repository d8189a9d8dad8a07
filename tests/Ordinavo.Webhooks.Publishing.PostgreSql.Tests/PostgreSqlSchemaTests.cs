using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Publishing.PostgreSql.Schema;
using Ordinavo.Webhooks.Publishing.PostgreSql.Tests.Infrastructure;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Tests;

[RequiresPostgres]
public sealed class PostgreSqlSchemaTests : IAsyncLifetime
{
    private PostgresTestDatabase _database = null!;

    public Task InitializeAsync()
    {
        _database = PostgresTestDatabase.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_store_creates_its_schema_tables_and_partial_due_index()
    {
        await using (var store = new PostgreSqlWebhookOutboxStore(_database.Options()))
        {
            await store.EnsureSchemaAsync(CancellationToken.None);
        }

        Assert.Equal(PostgreSqlSchema.LatestVersion, Convert.ToInt32(await _database.ScalarAsync("SELECT max(version) FROM __schema__.schema_version;")));
        var indexDefinition = (string?)await _database.ScalarAsync(
            $"SELECT indexdef FROM pg_indexes WHERE schemaname = '{_database.SchemaName}' AND indexname = 'ix_deliveries_due';");
        Assert.NotNull(indexDefinition);
        Assert.Contains("WHERE (state = 0)", indexDefinition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schema_at_version_1_is_migrated_and_keeps_its_deliveries()
    {
        // The schema as the first release of the package left it: migration 1 only, with a pending delivery.
        var schema = new PostgreSqlSchema(_database.SchemaName);
        await _database.ScalarAsync(schema.CreateSchemaAndVersionTable + schema.Migration(1) + "INSERT INTO __schema__.schema_version (version) VALUES (1);");
        await _database.ScalarAsync(
            "INSERT INTO __schema__.deliveries (id, event_id, subscription_id, tenant_id, event_type, endpoint_url, body, state, attempt_count, next_attempt_at, created_at, last_error_kind) " +
            "VALUES ('dlv_1', 'evt_1', 'sub-a', 'tenant-123', 'target.imported', 'https://receiver.example/hooks', '\\x7b7d'::bytea, 0, 0, now(), now(), 0);");

        await using var store = new PostgreSqlWebhookOutboxStore(_database.Options());
        await store.EnsureSchemaAsync(CancellationToken.None);

        Assert.Equal(PostgreSqlSchema.LatestVersion, Convert.ToInt32(await _database.ScalarAsync("SELECT max(version) FROM __schema__.schema_version;")));
        Assert.Equal("dlv_1", (await store.GetDeliveryAsync("dlv_1", CancellationToken.None))?.Id);
        var records = new PostgreSqlWebhookSubscriptionRecordStore(store);
        Assert.True(await records.TryInsertAsync(new WebhookSubscriptionRecord
        {
            Id = "sub_1", TenantId = "tenant-123", Version = 1, CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch, Document = "{}",
        }, CancellationToken.None));
        Assert.Equal(1L, await _database.ScalarAsync("SELECT count(*) FROM __schema__.subscriptions;"));
    }

    [Fact]
    public async Task Nodes_starting_at_once_migrate_the_schema_exactly_once()
    {
        var stores = Enumerable.Range(0, 5).Select(_ => new PostgreSqlWebhookOutboxStore(_database.Options())).ToArray();
        try
        {
            await Task.WhenAll(stores.Select(s => Task.Run(() => s.EnsureSchemaAsync(CancellationToken.None))));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }

        Assert.Equal((long)PostgreSqlSchema.LatestVersion, await _database.ScalarAsync("SELECT count(*) FROM __schema__.schema_version;"));
    }

    [Fact]
    public async Task A_restarted_node_keeps_the_data_and_applies_nothing_twice()
    {
        var eventId = WebhookIdentifiers.NewEventId();
        await using (var first = new PostgreSqlWebhookOutboxStore(_database.Options()))
        {
            Assert.True(await first.EnqueueAsync(TestEvents.Prepared(eventId), CancellationToken.None));
        }

        await using (var second = new PostgreSqlWebhookOutboxStore(PostgresTestDatabase.DataSource, _database.Options()))
        {
            Assert.False(await second.EnqueueAsync(TestEvents.Prepared(eventId), CancellationToken.None));
            Assert.Single((await second.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = eventId }, CancellationToken.None)).Items);
        }

        // The host's shared data source is not disposed by the store that borrowed it.
        Assert.Equal(1L, await _database.ScalarAsync("SELECT count(*) FROM __schema__.deliveries;"));
        Assert.Equal((long)PostgreSqlSchema.LatestVersion, await _database.ScalarAsync("SELECT count(*) FROM __schema__.schema_version;"));
    }

    [Fact]
    public async Task A_schema_newer_than_the_package_is_refused_with_a_clear_error()
    {
        await using (var store = new PostgreSqlWebhookOutboxStore(_database.Options()))
        {
            await store.EnsureSchemaAsync(CancellationToken.None);
        }

        await _database.ScalarAsync($"INSERT INTO __schema__.schema_version (version) VALUES ({PostgreSqlSchema.LatestVersion + 1});");
        await using var newer = new PostgreSqlWebhookOutboxStore(_database.Options());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => newer.EnsureSchemaAsync(CancellationToken.None));
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }
}
