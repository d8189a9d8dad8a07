using Npgsql;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Publishing.PostgreSql.Tests.Infrastructure;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Tests;

/// <summary>Concurrent publishes of the same events: each event is stored once, whichever publish wins.</summary>
[RequiresPostgres]
public sealed class PostgreSqlConcurrentEnqueueTests : IAsyncLifetime
{
    private PostgresTestDatabase _database = null!;

    public Task InitializeAsync()
    {
        _database = PostgresTestDatabase.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Concurrent_publishes_and_duplicates_are_each_stored_once()
    {
        await using var store = new PostgreSqlWebhookOutboxStore(_database.Options());
        var ids = Enumerable.Range(0, 300).Select(_ => WebhookIdentifiers.NewEventId()).ToArray();

        // Every id twice, all at once: the second of each pair is a duplicate, in the same batch or a later one.
        var results = await Task.WhenAll(ids.Concat(ids).Select(id => Task.Run(() => store.EnqueueAsync(TestEvents.Prepared(id), CancellationToken.None))));

        Assert.Equal(300, results.Count(stored => stored));
        Assert.Equal(300L, await _database.ScalarAsync("SELECT count(*) FROM __schema__.deliveries"));
        Assert.Equal(300L, await _database.ScalarAsync("SELECT count(DISTINCT event_id) FROM __schema__.events"));
    }
}
