using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore.Tests;

/// <summary>The durable inbox on SQLite files and on the PostgreSQL server, through real Kestrel hosts.</summary>
public sealed class InboxBehaviourTests
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(60) };

    [Theory]
    [MemberData(nameof(TestEvents.Providers), MemberType = typeof(TestEvents))]
    public async Task An_event_redelivered_after_a_restart_is_answered_200_and_handled_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var request = TestEvents.Request(TestEvents.Event());

        await using (var first = await ReceiverHost.StartAsync(database))
        {
            Assert.Equal(HttpStatusCode.OK, await ReceiverHost.SendAsync(Client, first.Endpoint, request));
        }

        await using var second = await ReceiverHost.StartAsync(database);
        Assert.Equal(HttpStatusCode.OK, await ReceiverHost.SendAsync(Client, second.Endpoint, request.AsAttempt(2)));

        Assert.Equal(1, await database.CountEffectsAsync(request.EventId!));
        Assert.Empty(second.Control.Seen);
        await using var context = database.NewContext();
        Assert.Equal(1, await context.Set<WebhookInboxRecord>().CountAsync(r => r.EventId == request.EventId));
    }

    [Theory]
    [MemberData(nameof(TestEvents.Providers), MemberType = typeof(TestEvents))]
    public async Task A_handler_that_throws_rolls_back_its_effect_and_the_mark_and_the_retry_handles_it(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = await ReceiverHost.StartAsync(database);
        var request = TestEvents.Request(TestEvents.Event());
        host.Control.FailOnce[request.EventId!] = true;

        Assert.Equal(HttpStatusCode.InternalServerError, await ReceiverHost.SendAsync(Client, host.Endpoint, request));
        Assert.Equal(0, await database.CountEffectsAsync(request.EventId!));
        await using (var context = database.NewContext())
        {
            Assert.Equal(0, await context.Set<WebhookInboxRecord>().CountAsync());
            Assert.Equal(0, await context.Set<WebhookOrderingRecord>().CountAsync());
        }

        Assert.Equal(HttpStatusCode.OK, await ReceiverHost.SendAsync(Client, host.Endpoint, request.AsAttempt(2)));
        Assert.Equal(1, await database.CountEffectsAsync(request.EventId!));
        Assert.Equal(2, host.Control.Seen.Count);
    }

    [Theory]
    [MemberData(nameof(TestEvents.Providers), MemberType = typeof(TestEvents))]
    public async Task A_handler_that_does_not_use_the_context_still_gets_a_durable_mark(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var request = TestEvents.Request(TestEvents.Event());
        await using (var first = await ReceiverHost.StartAsync(database, handlers: r => r.AddHandlerForAll<CountingHandler>()))
        {
            Assert.Equal(HttpStatusCode.OK, await ReceiverHost.SendAsync(Client, first.Endpoint, request));
            Assert.Single(first.Control.Seen);
        }

        await using var second = await ReceiverHost.StartAsync(database, handlers: r => r.AddHandlerForAll<CountingHandler>());
        Assert.Equal(HttpStatusCode.OK, await ReceiverHost.SendAsync(Client, second.Endpoint, request.AsAttempt(2)));
        Assert.Empty(second.Control.Seen);
    }

    [Theory]
    [MemberData(nameof(TestEvents.Providers), MemberType = typeof(TestEvents))]
    public async Task The_ordering_help_survives_a_restart_and_flags_an_older_event_as_stale(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var newer = TestEvents.Event(visitReportId: 4711, occurredAt: new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
        var older = TestEvents.Event(visitReportId: 4711, occurredAt: new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var other = TestEvents.Event(visitReportId: 4712, occurredAt: new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
        await using (var first = await ReceiverHost.StartAsync(database))
        {
            Assert.Equal(HttpStatusCode.OK, await ReceiverHost.SendAsync(Client, first.Endpoint, TestEvents.Request(newer)));
            var (_, staleFirst, latestFirst) = Assert.Single(first.Control.Seen);
            Assert.False(staleFirst);
            Assert.Null(latestFirst);
        }

        await using var second = await ReceiverHost.StartAsync(database);
        Assert.Equal(HttpStatusCode.OK, await ReceiverHost.SendAsync(Client, second.Endpoint, TestEvents.Request(older)));
        Assert.Equal(HttpStatusCode.OK, await ReceiverHost.SendAsync(Client, second.Endpoint, TestEvents.Request(other)));
        var seen = second.Control.Seen.ToDictionary(s => s.EventId);
        Assert.True(seen[older.EventId].IsStale);
        Assert.Equal(newer.OccurredAt, seen[older.EventId].Latest);
        Assert.False(seen[other.EventId].IsStale);
        Assert.Null(seen[other.EventId].Latest);

        // The stale event did not move the entity's newest occurredAt back.
        await using var context = database.NewContext();
        var row = await context.Set<WebhookOrderingRecord>().SingleAsync(r => r.EntityId == 4711);
        Assert.Equal(newer.OccurredAt.UtcDateTime, DateTime.SpecifyKind(row.LatestOccurredAt, DateTimeKind.Utc));
    }

    [Theory]
    [MemberData(nameof(TestEvents.Providers), MemberType = typeof(TestEvents))]
    public async Task A_failed_handler_does_not_move_the_ordering_help(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = await ReceiverHost.StartAsync(database);
        var older = TestEvents.Event(visitReportId: 7, occurredAt: new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var newer = TestEvents.Event(visitReportId: 7, occurredAt: new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
        host.Control.FailOnce[newer.EventId] = true;

        Assert.Equal(HttpStatusCode.InternalServerError, await ReceiverHost.SendAsync(Client, host.Endpoint, TestEvents.Request(newer)));
        Assert.Equal(HttpStatusCode.OK, await ReceiverHost.SendAsync(Client, host.Endpoint, TestEvents.Request(older)));

        var last = host.Control.Seen.Last();
        Assert.Equal(older.EventId, last.EventId);
        Assert.False(last.IsStale);
    }

    [Theory]
    [MemberData(nameof(TestEvents.Providers), MemberType = typeof(TestEvents))]
    public async Task Concurrent_duplicates_have_one_effect_and_are_answered_200_or_409(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var control = new HandlerControl { Delay = TimeSpan.FromMilliseconds(300) };
        await using var host = await ReceiverHost.StartAsync(database, control: control);
        var request = TestEvents.Request(TestEvents.Event());

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ReceiverHost.SendAsync(Client, host.Endpoint, request)));

        Assert.All(answers, a => Assert.Contains(a, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Contains(HttpStatusCode.OK, answers);
        Assert.Equal(1, await database.CountEffectsAsync(request.EventId!));
        if (provider == "postgres")
        {
            // PostgreSQL answers a duplicate in progress at once (409) instead of waiting for the first to commit.
            Assert.Contains(HttpStatusCode.Conflict, answers);
        }
    }

    [Theory]
    [MemberData(nameof(TestEvents.Providers), MemberType = typeof(TestEvents))]
    public async Task Two_receivers_in_one_database_each_handle_an_event_once(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var services = new ServiceCollection().AddLogging().AddSingleton(new HandlerControl());
        services.AddDbContext<InboxTestContext>(database.Configure);
        services.AddOrdinavoWebhookReceiver("erp", o => o.Secrets.Add(ReceiverHost.Secret)).UseEntityFrameworkInbox<InboxTestContext>().AddHandlerForAll<EffectHandler>();
        services.AddOrdinavoWebhookReceiver("billing", o => o.Secrets.Add(ReceiverHost.Secret)).UseEntityFrameworkInbox<InboxTestContext>().AddHandlerForAll<EffectHandler>();
        await using var provider2 = services.BuildServiceProvider();
        var factory = provider2.GetRequiredService<IWebhookReceiverFactory>();
        var request = TestEvents.Request(TestEvents.Event());

        foreach (var name in new[] { "erp", "billing", "erp", "billing" })
        {
            var result = await factory.GetReceiver(name).ReceiveAsync(request.HeaderReader, request.Body, request.ContentType, CancellationToken.None);
            Assert.Equal(200, result.StatusCode);
        }

        await using var context = database.NewContext();
        var effects = await context.Effects.Where(e => e.EventId == request.EventId).Select(e => e.Receiver).OrderBy(r => r).ToListAsync();
        Assert.Equal(["billing", "erp"], effects);
    }
}
