using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Ordinavo.Webhooks.Publishing.Sqlite.Schema;
using Ordinavo.Webhooks.Publishing.Sqlite.Tests.Infrastructure;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Tests;

public sealed class SqliteSchemaTests : IDisposable
{
    private readonly TempDatabaseFile _file = new(Path.Combine("nested", "folder", "webhooks.db"));

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_new_file_is_created_in_wal_mode_with_the_latest_schema_version()
    {
        await using (var store = new SqliteWebhookOutboxStore(_file.Options()))
        {
            await store.EnsureSchemaAsync(CancellationToken.None);
            Assert.Equal(Path.GetFullPath(_file.Path), store.DatabaseFile);
        }

        Assert.True(File.Exists(_file.Path));
        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode;"));
        Assert.Equal((long)SqliteSchema.LatestVersion, await ScalarAsync($"SELECT max(version) FROM {SqliteSchema.VersionTable};"));
        Assert.Equal(1L, await ScalarAsync($"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_{SqliteSchema.Deliveries}_due';"));
    }

    [Fact]
    public async Task Opening_an_existing_file_again_keeps_its_data_and_applies_nothing_twice()
    {
        var eventId = Contracts.WebhookIdentifiers.NewEventId();
        await using (var first = new SqliteWebhookOutboxStore(_file.Options()))
        {
            Assert.True(await first.EnqueueAsync(TestEvents.Prepared(eventId), CancellationToken.None));
        }

        await using (var second = new SqliteWebhookOutboxStore(_file.Options()))
        {
            Assert.False(await second.EnqueueAsync(TestEvents.Prepared(eventId), CancellationToken.None));
            var page = await second.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = eventId }, CancellationToken.None);
            Assert.Single(page.Items);
        }

        Assert.Equal((long)SqliteSchema.LatestVersion, await ScalarAsync($"SELECT count(*) FROM {SqliteSchema.VersionTable};"));
    }

    [Fact]
    public async Task A_file_at_schema_version_1_is_migrated_and_keeps_its_deliveries()
    {
        // The file as the first release of the package left it: migration 1 only, with a pending delivery.
        Directory.CreateDirectory(Path.GetDirectoryName(_file.Path)!);
        await ScalarAsync(SqliteSchema.CreateVersionTable + SqliteSchema.Migrations[0] + $"INSERT INTO {SqliteSchema.VersionTable} (version, applied_at) VALUES (1, 0);");
        var eventId = Contracts.WebhookIdentifiers.NewEventId();
        var delivery = TestEvents.Prepared(eventId).Deliveries[0];
        await ScalarAsync(
            $"INSERT INTO {SqliteSchema.Deliveries} (id, event_id, subscription_id, tenant_id, event_type, endpoint_url, body, state, attempt_count, next_attempt_at, created_at, last_error_kind) " +
            $"VALUES ('{delivery.Id}', '{eventId}', 'sub-a', 'tenant-123', 'target.imported', 'https://receiver.example/hooks', x'7B7D', 0, 0, 0, 0, 0);");

        await using var store = new SqliteWebhookOutboxStore(_file.Options());
        await store.EnsureSchemaAsync(CancellationToken.None);

        Assert.Equal((long)SqliteSchema.LatestVersion, await ScalarAsync($"SELECT max(version) FROM {SqliteSchema.VersionTable};"));
        Assert.Equal(1L, await ScalarAsync($"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_{SqliteSchema.Subscriptions}_tenant';"));
        Assert.Equal(delivery.Id, (await store.GetDeliveryAsync(delivery.Id, CancellationToken.None))?.Id);
        var records = new SqliteWebhookSubscriptionRecordStore(store);
        Assert.True(await records.TryInsertAsync(new WebhookSubscriptionRecord
        {
            Id = "sub_1", TenantId = "tenant-123", Version = 1, CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch, Document = "{}",
        }, CancellationToken.None));
    }

    [Fact]
    public async Task Stores_starting_at_once_on_a_new_file_migrate_it_exactly_once()
    {
        var stores = Enumerable.Range(0, 6).Select(_ => new SqliteWebhookOutboxStore(_file.Options())).ToArray();
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

        Assert.Equal((long)SqliteSchema.LatestVersion, await ScalarAsync($"SELECT count(*) FROM {SqliteSchema.VersionTable};"));
    }

    [Fact]
    public async Task Processes_starting_at_once_on_a_new_file_migrate_it_exactly_once()
    {
        var children = Enumerable.Range(0, 3).Select(_ => ChildProcess.Start("migrate", _file.Path)).ToArray();
        foreach (var child in children)
        {
            using (child)
            {
                Assert.True(child.WaitForExit(TimeSpan.FromSeconds(30)), "The child process did not finish.");
                Assert.True(child.ExitCode == 0, $"A child failed: {await child.StandardError.ReadToEndAsync()}");
            }
        }

        Assert.Equal((long)SqliteSchema.LatestVersion, await ScalarAsync($"SELECT count(*) FROM {SqliteSchema.VersionTable};"));
        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task A_schema_newer_than_the_package_is_refused_with_a_clear_error()
    {
        await using (var store = new SqliteWebhookOutboxStore(_file.Options()))
        {
            await store.EnsureSchemaAsync(CancellationToken.None);
        }

        await ScalarAsync($"INSERT INTO {SqliteSchema.VersionTable} (version, applied_at) VALUES ({SqliteSchema.LatestVersion + 1}, 0);");

        await using var newer = new SqliteWebhookOutboxStore(_file.Options());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => newer.EnsureSchemaAsync(CancellationToken.None));
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
