using Npgsql;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Publishing.PostgreSql.Tests.Infrastructure;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Tests;

/// <summary>Concurrent publishes written together (one batch, one round trip), each still all-or-nothing and idempotent.</summary>
[RequiresPostgres]
public sealed class PostgreSqlEnqueueGroupCommitTests : IAsyncLifetime
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

    [Fact]
    public async Task An_event_that_fails_fails_alone_and_the_others_of_its_batch_are_stored()
    {
        await using var store = new PostgreSqlWebhookOutboxStore(_database.Options());
        var first = TestEvents.Prepared(WebhookIdentifiers.NewEventId());
        Assert.True(await store.EnqueueAsync(first, CancellationToken.None));

        // A second event whose delivery reuses the first one's delivery id violates the primary key.
        var clash = TestEvents.Prepared(WebhookIdentifiers.NewEventId());
        clash = new WebhookPreparedEvent
        {
            EventId = clash.EventId,
            TenantId = clash.TenantId,
            EventType = clash.EventType,
            CreatedAt = clash.CreatedAt,
            Deliveries =
            [
                new WebhookDeliveryRecord
                {
                    Id = first.Deliveries[0].Id,
                    EventId = clash.EventId,
                    SubscriptionId = clash.Deliveries[0].SubscriptionId,
                    TenantId = clash.TenantId,
                    EventType = clash.EventType,
                    EndpointUrl = clash.Deliveries[0].EndpointUrl,
                    Body = clash.Deliveries[0].Body,
                    NextAttemptAt = clash.CreatedAt,
                    CreatedAt = clash.CreatedAt,
                },
            ],
        };
        var good = Enumerable.Range(0, 40).Select(_ => TestEvents.Prepared(WebhookIdentifiers.NewEventId())).ToArray();

        var goodTasks = good.Select(e => Task.Run(() => store.EnqueueAsync(e, CancellationToken.None))).ToArray();
        var clashTask = Task.Run(() => store.EnqueueAsync(clash, CancellationToken.None));

        Assert.All(await Task.WhenAll(goodTasks), Assert.True);
        await Assert.ThrowsAsync<PostgresException>(() => clashTask);
        Assert.Equal(41L, await _database.ScalarAsync("SELECT count(*) FROM __schema__.deliveries"));
        Assert.Equal(0L, await _database.ScalarAsync($"SELECT count(*) FROM __schema__.events WHERE event_id = '{clash.EventId}'"));
    }
}
