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

    [Fact]
    public async Task A_publish_that_the_database_refuses_fails_alone_and_the_publishes_beside_it_are_stored()
    {
        await using var store = new PostgreSqlWebhookOutboxStore(_database.Options());
        var stored = TestEvents.Prepared(WebhookIdentifiers.NewEventId());
        Assert.True(await store.EnqueueAsync(stored, CancellationToken.None));

        // A new event whose delivery reuses a stored delivery id breaks the deliveries' primary key: its statement fails,
        // and with it any batch it shares with the concurrent publishes.
        var fresh = TestEvents.Prepared(WebhookIdentifiers.NewEventId());
        var delivery = fresh.Deliveries[0];
        var clash = new WebhookPreparedEvent
        {
            EventId = fresh.EventId,
            TenantId = fresh.TenantId,
            EventType = fresh.EventType,
            CreatedAt = fresh.CreatedAt,
            Deliveries =
            [
                new WebhookDeliveryRecord
                {
                    Id = stored.Deliveries[0].Id,
                    EventId = delivery.EventId,
                    SubscriptionId = delivery.SubscriptionId,
                    TenantId = delivery.TenantId,
                    EventType = delivery.EventType,
                    EndpointUrl = delivery.EndpointUrl,
                    Body = delivery.Body,
                    NextAttemptAt = delivery.NextAttemptAt,
                    CreatedAt = delivery.CreatedAt,
                },
            ],
        };
        var good = Enumerable.Range(0, 40).Select(_ => TestEvents.Prepared(WebhookIdentifiers.NewEventId())).ToArray();

        var goodTasks = good.Select(e => Task.Run(() => store.EnqueueAsync(e, CancellationToken.None))).ToList();
        var clashTask = Task.Run(() => store.EnqueueAsync(clash, CancellationToken.None));
        goodTasks.AddRange(good.Take(20).Select(e => Task.Run(() => store.EnqueueAsync(TestEvents.Prepared(WebhookIdentifiers.NewEventId()), CancellationToken.None))));

        var error = await Assert.ThrowsAsync<PostgresException>(() => clashTask);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        Assert.All(await Task.WhenAll(goodTasks), Assert.True);
        Assert.Equal(61L, await _database.ScalarAsync("SELECT count(*) FROM __schema__.deliveries"));
        Assert.Equal(0L, await _database.ScalarAsync($"SELECT count(*) FROM __schema__.events WHERE event_id = '{clash.EventId}'"));
    }
}
