using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Ordinavo.Webhooks.Contracts;
using Xunit;

namespace Ordinavo.Webhooks.Publishing.Testing;

/// <summary>
/// The behaviour every outbox store must show, on both seams: <see cref="IWebhookOutboxStore"/> (the worker seam) and
/// <see cref="IWebhookDeliveryMonitor"/> (the query and operations seam). A store's xunit test project derives a class from
/// this one and implements <see cref="CreateStoreAsync"/> (an empty store per call); every test runs on a new store.
/// Times are explicit (no clock), whole milliseconds.
/// </summary>
/// <remarks>
/// The in-memory, SQLite and PostgreSQL stores pass this suite. A store whose two seams are separate objects overrides
/// <see cref="GetMonitor"/>.
/// </remarks>
public abstract partial class WebhookOutboxStoreConformanceTests : IAsyncLifetime
{
    /// <summary>The base time of every test: 2026-06-18T16:40:00Z.</summary>
    protected static readonly DateTimeOffset T0 = new(2026, 6, 18, 16, 40, 0, TimeSpan.Zero);

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private IWebhookOutboxStore? _store;
    private IWebhookDeliveryMonitor? _monitor;

    /// <summary>The store under test, its worker seam (a new, empty one for every test).</summary>
    protected IWebhookOutboxStore Store => _store ?? throw new InvalidOperationException("The store is not created yet.");

    /// <summary>The store under test, its query and operations seam (see <see cref="GetMonitor"/>).</summary>
    protected IWebhookDeliveryMonitor Monitor => _monitor ?? throw new InvalidOperationException("The store is not created yet.");

    /// <summary>Creates a new, empty store.</summary>
    protected abstract Task<IWebhookOutboxStore> CreateStoreAsync();

    /// <summary>
    /// The query and operations seam over the same data as <paramref name="store"/>. Default: the store itself, which
    /// must then implement <see cref="IWebhookDeliveryMonitor"/> as well.
    /// </summary>
    protected virtual IWebhookDeliveryMonitor GetMonitor(IWebhookOutboxStore store) =>
        store as IWebhookDeliveryMonitor
        ?? throw new InvalidOperationException($"{store?.GetType().Name} does not implement IWebhookDeliveryMonitor: implement it, or override GetMonitor to return the store's query and operations seam.");

    /// <summary>Releases a store made by <see cref="CreateStoreAsync"/> (default: disposes it when it is disposable).</summary>
    protected virtual async Task DisposeStoreAsync(IWebhookOutboxStore store)
    {
        switch (store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        _monitor = GetMonitor(_store);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await DisposeStoreAsync(_store);
        }
    }

    private static CancellationToken Ct => CancellationToken.None;

    // ---------------------------------------------------------------- helpers

    /// <summary>A new pending delivery created at <paramref name="createdAt"/> and due at <paramref name="dueAt"/> (default: created time).</summary>
    protected static WebhookDeliveryRecord NewDelivery(
        string eventId, string subscriptionId = "sub-a", DateTimeOffset? createdAt = null, DateTimeOffset? dueAt = null,
        string tenantId = "tenant-123", string body = "{\"a\":1}")
    {
        var created = createdAt ?? T0;
        return new WebhookDeliveryRecord
        {
            Id = Ulid.NewUlid(created).ToString(),
            EventId = eventId,
            SubscriptionId = subscriptionId,
            TenantId = tenantId,
            EventType = "visit_report.approved",
            EndpointUrl = new Uri($"https://receiver.example/{subscriptionId}/hooks?x=1"),
            Body = Encoding.UTF8.GetBytes(body),
            State = WebhookDeliveryState.Pending,
            NextAttemptAt = dueAt ?? created,
            CreatedAt = created,
        };
    }

    /// <summary>A prepared event with the given deliveries.</summary>
    protected static WebhookPreparedEvent NewEvent(string eventId, DateTimeOffset createdAt, params WebhookDeliveryRecord[] deliveries) => new()
    {
        EventId = eventId,
        TenantId = "tenant-123",
        EventType = "visit_report.approved",
        CreatedAt = createdAt,
        Deliveries = deliveries,
    };

    private static string NewEventId(DateTimeOffset at) => WebhookIdentifiers.NewEventId(at);

    private async Task<WebhookDeliveryRecord> EnqueueOneAsync(string subscriptionId = "sub-a", DateTimeOffset? createdAt = null, DateTimeOffset? dueAt = null, string tenantId = "tenant-123")
    {
        var created = createdAt ?? T0;
        var eventId = NewEventId(created);
        var delivery = NewDelivery(eventId, subscriptionId, created, dueAt, tenantId);
        Assert.True(await Store.EnqueueAsync(NewEvent(eventId, created, delivery), Ct));
        return delivery;
    }

    private async Task<WebhookDeliveryRecord> LeaseOneAsync(string owner, DateTimeOffset now)
    {
        var leased = await Store.LeaseDueAsync(owner, now, 1, Lease, Ct);
        return Assert.Single(leased);
    }

    private static WebhookDeliveryAttempt NewAttempt(string deliveryId, int number, DateTimeOffset at, int? status = 500,
        WebhookDeliveryErrorKind kind = WebhookDeliveryErrorKind.HttpStatus, string? body = "oops") => new()
    {
        DeliveryId = deliveryId,
        AttemptId = WebhookIdentifiers.NewDeliveryId(at),
        AttemptNumber = number,
        StartedAt = at,
        Duration = TimeSpan.FromMilliseconds(123),
        StatusCode = status,
        ErrorKind = kind,
        ResponseBody = body,
    };

    /// <summary>Finishes one delivery through <see cref="IWebhookOutboxStore.FinishAttemptsAsync"/>; returns whether its new state was applied.</summary>
    private async Task<bool> FinishOneAsync(string deliveryId, string owner, WebhookAttemptResolution resolution, DateTimeOffset at,
        WebhookDeadLetterReason? reason = null, WebhookDeliveryAttempt? attempt = null)
    {
        var applied = await Store.FinishAttemptsAsync(
            [new WebhookAttemptOutcome { DeliveryId = deliveryId, Attempt = attempt, LeaseOwner = owner, Resolution = resolution, At = at, DeadLetterReason = reason }], Ct);
        return Assert.Single(applied);
    }

    private Task<bool> CompleteAsync(string deliveryId, string owner, DateTimeOffset at) =>
        FinishOneAsync(deliveryId, owner, WebhookAttemptResolution.Succeeded, at);

    private Task<bool> RescheduleAsync(string deliveryId, string owner, DateTimeOffset at) =>
        FinishOneAsync(deliveryId, owner, WebhookAttemptResolution.Rescheduled, at);

    private Task<bool> DeadLetterAsync(string deliveryId, string owner, DateTimeOffset at, WebhookDeadLetterReason reason) =>
        FinishOneAsync(deliveryId, owner, WebhookAttemptResolution.DeadLettered, at, reason);

    /// <summary>Records an attempt by a worker that does not hold the lease: the attempt is kept, the state stays.</summary>
    private async Task RecordAttemptAsync(WebhookDeliveryAttempt attempt) =>
        Assert.False(await FinishOneAsync(attempt.DeliveryId, "node-without-lease", WebhookAttemptResolution.Rescheduled, attempt.StartedAt, attempt: attempt));

    private async Task<WebhookDeliveryRecord> GetAsync(string id) =>
        await Monitor.GetDeliveryAsync(id, Ct) ?? throw new InvalidOperationException($"Delivery {id} not found.");

    // ---------------------------------------------------------------- enqueue

    /// <summary>Enqueue stores every delivery and returns it unchanged.</summary>
    [Fact]
    public async Task Enqueue_stores_every_delivery_and_returns_it_unchanged()
    {
        var eventId = NewEventId(T0);
        var a = NewDelivery(eventId, "sub-a", body: "{\"eventId\":\"x\",\"ü\":\"€\"}");
        var b = NewDelivery(eventId, "sub-b");

        Assert.True(await Store.EnqueueAsync(NewEvent(eventId, T0, a, b), Ct));

        foreach (var expected in new[] { a, b })
        {
            var actual = await GetAsync(expected.Id);
            Assert.Equal(expected.Id, actual.Id);
            Assert.Equal(expected.EventId, actual.EventId);
            Assert.Equal(expected.SubscriptionId, actual.SubscriptionId);
            Assert.Equal(expected.TenantId, actual.TenantId);
            Assert.Equal(expected.EventType, actual.EventType);
            Assert.Equal(expected.EndpointUrl, actual.EndpointUrl);
            Assert.Equal(expected.Body.ToArray(), actual.Body.ToArray());
            Assert.Equal(WebhookDeliveryState.Pending, actual.State);
            Assert.Equal(0, actual.AttemptCount);
            Assert.Equal(T0, actual.NextAttemptAt);
            Assert.Equal(T0, actual.CreatedAt);
            Assert.Null(actual.LeaseOwner);
            Assert.Null(actual.LeaseExpiresAt);
            Assert.Null(actual.CompletedAt);
            Assert.Null(actual.LastAttemptAt);
            Assert.Null(actual.LastStatusCode);
            Assert.Equal(WebhookDeliveryErrorKind.None, actual.LastErrorKind);
            Assert.Null(actual.DeadLetterReason);
        }
    }

    /// <summary>Enqueue of the same event id again stores nothing and says so.</summary>
    [Fact]
    public async Task Enqueue_of_the_same_event_id_again_stores_nothing_and_says_so()
    {
        var eventId = NewEventId(T0);
        Assert.True(await Store.EnqueueAsync(NewEvent(eventId, T0, NewDelivery(eventId, "sub-a")), Ct));

        var second = NewDelivery(eventId, "sub-b", T0.AddSeconds(1));
        Assert.False(await Store.EnqueueAsync(NewEvent(eventId, T0.AddSeconds(1), second), Ct));

        var page = await Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = eventId }, Ct);
        var only = Assert.Single(page.Items);
        Assert.Equal("sub-a", only.SubscriptionId);
        Assert.Null(await Monitor.GetDeliveryAsync(second.Id, Ct));
    }

    /// <summary>Enqueue of an event without deliveries is remembered as enqueued.</summary>
    [Fact]
    public async Task Enqueue_of_an_event_without_deliveries_is_remembered_as_enqueued()
    {
        var eventId = NewEventId(T0);
        Assert.True(await Store.EnqueueAsync(NewEvent(eventId, T0), Ct));
        Assert.False(await Store.EnqueueAsync(NewEvent(eventId, T0, NewDelivery(eventId)), Ct));
        Assert.Empty((await Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery(), Ct)).Items);
    }

    /// <summary>Concurrent enqueues of one event id store it once.</summary>
    [Fact]
    public async Task Concurrent_enqueues_of_one_event_id_store_it_once()
    {
        var eventId = NewEventId(T0);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            Store.EnqueueAsync(NewEvent(eventId, T0, NewDelivery(eventId, $"sub-{i}")), Ct))));

        Assert.Equal(1, results.Count(r => r));
        Assert.Single((await Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = eventId }, Ct)).Items);
    }

    /// <summary>Invalid arguments are refused with argument exceptions, as <see cref="WebhookOutboxStoreSupport"/> checks them.</summary>
    [Fact]
    public async Task Invalid_arguments_are_refused()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.EnqueueAsync(null!, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.EnqueueAsync(NewEvent("", T0), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.LeaseDueAsync("", T0, 10, Lease, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.LeaseDueAsync("node-1", T0, 0, Lease, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.LeaseDueAsync("node-1", T0, 10, TimeSpan.Zero, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Monitor.QueryDeliveriesAsync(null!, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { Limit = 0 }, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { Limit = WebhookOutboxStoreSupport.MaxQueryLimit + 1 }, Ct));
        Assert.Empty((await Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { Limit = WebhookOutboxStoreSupport.MaxQueryLimit }, Ct)).Items);
    }

    // ---------------------------------------------------------------- lease

    /// <summary>Lease returns due pending deliveries oldest due first and sets the lease.</summary>
    [Fact]
    public async Task Lease_returns_due_pending_deliveries_oldest_due_first_and_sets_the_lease()
    {
        var late = await EnqueueOneAsync(createdAt: T0, dueAt: T0.AddSeconds(30));
        var early = await EnqueueOneAsync(createdAt: T0.AddMilliseconds(1), dueAt: T0.AddSeconds(10));
        var future = await EnqueueOneAsync(createdAt: T0.AddMilliseconds(2), dueAt: T0.AddMinutes(10));
        var now = T0.AddMinutes(1);

        var leased = await Store.LeaseDueAsync("node-1", now, 10, Lease, Ct);

        Assert.Equal([early.Id, late.Id], leased.Select(d => d.Id));
        Assert.All(leased, d =>
        {
            Assert.Equal("node-1", d.LeaseOwner);
            Assert.Equal(now + Lease, d.LeaseExpiresAt);
            Assert.Equal(WebhookDeliveryState.Pending, d.State);
        });
        var stored = await GetAsync(early.Id);
        Assert.Equal("node-1", stored.LeaseOwner);
        Assert.Equal(now + Lease, stored.LeaseExpiresAt);
        Assert.Null((await GetAsync(future.Id)).LeaseOwner);
    }

    /// <summary>Lease ties on due time are ordered by id.</summary>
    [Fact]
    public async Task Lease_ties_on_due_time_are_ordered_by_id()
    {
        var first = await EnqueueOneAsync(createdAt: T0, dueAt: T0.AddSeconds(5));
        var second = await EnqueueOneAsync(createdAt: T0.AddMilliseconds(1), dueAt: T0.AddSeconds(5));

        var leased = await Store.LeaseDueAsync("node-1", T0.AddSeconds(5), 10, Lease, Ct);

        Assert.Equal([first.Id, second.Id], leased.Select(d => d.Id));
    }

    /// <summary>Lease takes at most the batch size.</summary>
    [Fact]
    public async Task Lease_takes_at_most_the_batch_size()
    {
        for (var i = 0; i < 5; i++)
        {
            await EnqueueOneAsync(createdAt: T0.AddMilliseconds(i));
        }

        Assert.Equal(3, (await Store.LeaseDueAsync("node-1", T0.AddSeconds(1), 3, Lease, Ct)).Count);
        Assert.Equal(2, (await Store.LeaseDueAsync("node-2", T0.AddSeconds(1), 3, Lease, Ct)).Count);
        Assert.Empty(await Store.LeaseDueAsync("node-3", T0.AddSeconds(1), 3, Lease, Ct));
    }

    /// <summary>Lease never returns succeeded or dead lettered deliveries.</summary>
    [Fact]
    public async Task Lease_never_returns_succeeded_or_dead_lettered_deliveries()
    {
        var done = await EnqueueOneAsync(createdAt: T0);
        var dead = await EnqueueOneAsync(createdAt: T0.AddMilliseconds(1));
        Assert.Equal(2, (await Store.LeaseDueAsync("node-1", T0.AddSeconds(1), 10, Lease, Ct)).Count);
        Assert.True(await CompleteAsync(done.Id, "node-1", T0.AddSeconds(1)));
        Assert.True(await DeadLetterAsync(dead.Id, "node-1", T0.AddSeconds(1), WebhookDeadLetterReason.RetriesExhausted));

        Assert.Empty(await Store.LeaseDueAsync("node-2", T0.AddDays(30), 10, Lease, Ct));
    }

    /// <summary>A leased delivery is invisible to other leasers until the lease expires.</summary>
    [Fact]
    public async Task A_leased_delivery_is_invisible_to_other_leasers_until_the_lease_expires()
    {
        var delivery = await EnqueueOneAsync();
        await LeaseOneAsync("node-1", T0);

        Assert.Empty(await Store.LeaseDueAsync("node-2", T0.AddMinutes(1), 10, Lease, Ct));
        Assert.Empty(await Store.LeaseDueAsync("node-2", T0 + Lease - TimeSpan.FromMilliseconds(1), 10, Lease, Ct));

        var released = await LeaseOneAsync("node-2", T0 + Lease);
        Assert.Equal(delivery.Id, released.Id);
        Assert.Equal("node-2", released.LeaseOwner);
        Assert.Equal(T0 + Lease + Lease, released.LeaseExpiresAt);
    }

    /// <summary>Parallel leasers never get the same delivery while its lease holds.</summary>
    [Fact]
    public async Task Parallel_leasers_never_get_the_same_delivery_while_its_lease_holds()
    {
        const int count = 300;
        for (var i = 0; i < count; i += 30)
        {
            for (var j = 0; j < 30; j++)
            {
                var at = T0.AddMilliseconds(i + j);
                var eventId = NewEventId(at);
                Assert.True(await Store.EnqueueAsync(NewEvent(eventId, at, NewDelivery(eventId, createdAt: at)), Ct));
            }
        }

        var seen = new ConcurrentDictionary<string, string>();
        var duplicates = new ConcurrentBag<string>();
        var now = T0.AddSeconds(10);
        await Task.WhenAll(Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            var owner = $"node-{worker}";
            while (true)
            {
                var batch = await Store.LeaseDueAsync(owner, now, 7, Lease, Ct);
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var d in batch)
                {
                    if (!seen.TryAdd(d.Id, owner))
                    {
                        duplicates.Add(d.Id);
                    }
                }
            }
        })));

        Assert.Empty(duplicates);
        Assert.Equal(count, seen.Count);
        var stored = await Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { Limit = 1000 }, Ct);
        Assert.All(stored.Items, d => Assert.Equal(seen[d.Id], d.LeaseOwner));
    }

    // ---------------------------------------------------------------- state changes and lease guards

    /// <summary>Complete by the lease owner marks succeeded and releases the lease.</summary>
    [Fact]
    public async Task Complete_by_the_lease_owner_marks_succeeded_and_releases_the_lease()
    {
        var delivery = await EnqueueOneAsync();
        await LeaseOneAsync("node-1", T0);

        Assert.True(await CompleteAsync(delivery.Id, "node-1", T0.AddSeconds(2)));

        var stored = await GetAsync(delivery.Id);
        Assert.Equal(WebhookDeliveryState.Succeeded, stored.State);
        Assert.Equal(T0.AddSeconds(2), stored.CompletedAt);
        Assert.Null(stored.LeaseOwner);
        Assert.Null(stored.LeaseExpiresAt);
        Assert.False(await CompleteAsync(delivery.Id, "node-1", T0.AddSeconds(3)));
    }

    /// <summary>State changes by another owner are refused.</summary>
    [Fact]
    public async Task State_changes_by_another_owner_are_refused()
    {
        var delivery = await EnqueueOneAsync();
        await LeaseOneAsync("node-1", T0);

        Assert.False(await CompleteAsync(delivery.Id, "node-2", T0.AddSeconds(1)));
        Assert.False(await RescheduleAsync(delivery.Id, "node-2", T0.AddMinutes(5)));
        Assert.False(await DeadLetterAsync(delivery.Id, "node-2", T0.AddSeconds(1), WebhookDeadLetterReason.RetriesExhausted));

        var stored = await GetAsync(delivery.Id);
        Assert.Equal(WebhookDeliveryState.Pending, stored.State);
        Assert.Equal("node-1", stored.LeaseOwner);
    }

    /// <summary>State changes without a lease are refused.</summary>
    [Fact]
    public async Task State_changes_without_a_lease_are_refused()
    {
        var delivery = await EnqueueOneAsync();
        Assert.False(await CompleteAsync(delivery.Id, "node-1", T0));
        Assert.False(await RescheduleAsync(delivery.Id, "node-1", T0));
        Assert.False(await DeadLetterAsync(delivery.Id, "node-1", T0, WebhookDeadLetterReason.RetriesExhausted));
        Assert.False(await CompleteAsync("01J00000000000000000000000", "node-1", T0));
    }

    /// <summary>A node whose lease expired cannot complete a delivery another node re leased.</summary>
    [Fact]
    public async Task A_node_whose_lease_expired_cannot_complete_a_delivery_another_node_re_leased()
    {
        var delivery = await EnqueueOneAsync();
        await LeaseOneAsync("node-1", T0);
        await LeaseOneAsync("node-2", T0 + Lease + TimeSpan.FromSeconds(1));

        Assert.False(await CompleteAsync(delivery.Id, "node-1", T0 + Lease + TimeSpan.FromSeconds(2)));
        Assert.False(await RescheduleAsync(delivery.Id, "node-1", T0.AddHours(1)));
        Assert.True(await CompleteAsync(delivery.Id, "node-2", T0 + Lease + TimeSpan.FromSeconds(3)));
        Assert.Equal(WebhookDeliveryState.Succeeded, (await GetAsync(delivery.Id)).State);
    }

    /// <summary>Reschedule releases the lease and makes the delivery due at the new time.</summary>
    [Fact]
    public async Task Reschedule_releases_the_lease_and_makes_the_delivery_due_at_the_new_time()
    {
        var delivery = await EnqueueOneAsync();
        await LeaseOneAsync("node-1", T0);

        Assert.True(await RescheduleAsync(delivery.Id, "node-1", T0.AddMinutes(5)));

        var stored = await GetAsync(delivery.Id);
        Assert.Equal(T0.AddMinutes(5), stored.NextAttemptAt);
        Assert.Null(stored.LeaseOwner);
        Assert.Null(stored.LeaseExpiresAt);
        Assert.Equal(WebhookDeliveryState.Pending, stored.State);
        Assert.Empty(await Store.LeaseDueAsync("node-2", T0.AddMinutes(5) - TimeSpan.FromMilliseconds(1), 10, Lease, Ct));
        Assert.Equal(delivery.Id, (await LeaseOneAsync("node-2", T0.AddMinutes(5))).Id);
    }

    /// <summary>Dead letter keeps the delivery with its reason.</summary>
    [Fact]
    public async Task Dead_letter_keeps_the_delivery_with_its_reason()
    {
        var delivery = await EnqueueOneAsync();
        await LeaseOneAsync("node-1", T0);

        Assert.True(await DeadLetterAsync(delivery.Id, "node-1", T0.AddSeconds(9), WebhookDeadLetterReason.EndpointGone));

        var stored = await GetAsync(delivery.Id);
        Assert.Equal(WebhookDeliveryState.DeadLettered, stored.State);
        Assert.Equal(WebhookDeadLetterReason.EndpointGone, stored.DeadLetterReason);
        Assert.Equal(T0.AddSeconds(9), stored.CompletedAt);
        Assert.Null(stored.LeaseOwner);
        Assert.False(await CompleteAsync(delivery.Id, "node-1", T0.AddSeconds(10)));
    }

    // ---------------------------------------------------------------- finishing attempts in batches

    /// <summary>Finish attempts records every attempt and applies each new state only under its lease.</summary>
    [Fact]
    public async Task Finish_attempts_records_every_attempt_and_applies_each_new_state_only_under_its_lease()
    {
        var succeeded = await EnqueueOneAsync();
        var rescheduled = await EnqueueOneAsync();
        var deadLettered = await EnqueueOneAsync();
        var otherOwner = await EnqueueOneAsync(dueAt: T0.AddSeconds(1));
        Assert.Equal(3, (await Store.LeaseDueAsync("node-1", T0, 10, Lease, Ct)).Count);
        Assert.Equal(otherOwner.Id, (await LeaseOneAsync("node-2", T0.AddSeconds(1))).Id);

        WebhookAttemptOutcome Outcome(WebhookDeliveryRecord delivery, WebhookAttemptResolution resolution, DateTimeOffset at, int? status, WebhookDeadLetterReason? reason = null) => new()
        {
            DeliveryId = delivery.Id,
            Attempt = NewAttempt(delivery.Id, 1, T0.AddSeconds(1), status, status is >= 200 and < 300 ? WebhookDeliveryErrorKind.None : WebhookDeliveryErrorKind.HttpStatus, null),
            LeaseOwner = "node-1",
            Resolution = resolution,
            At = at,
            DeadLetterReason = reason,
        };

        var applied = await Store.FinishAttemptsAsync(
        [
            Outcome(succeeded, WebhookAttemptResolution.Succeeded, T0.AddSeconds(2), 200),
            Outcome(rescheduled, WebhookAttemptResolution.Rescheduled, T0.AddMinutes(5), 503),
            Outcome(deadLettered, WebhookAttemptResolution.DeadLettered, T0.AddSeconds(3), 500, WebhookDeadLetterReason.RetriesExhausted),
            Outcome(otherOwner, WebhookAttemptResolution.Succeeded, T0.AddSeconds(4), 200),
        ], Ct);

        Assert.Equal([true, true, true, false], applied);
        var done = await GetAsync(succeeded.Id);
        Assert.Equal(WebhookDeliveryState.Succeeded, done.State);
        Assert.Equal(T0.AddSeconds(2), done.CompletedAt);
        Assert.Null(done.LeaseOwner);
        Assert.Equal(1, done.AttemptCount);
        Assert.Equal(200, done.LastStatusCode);
        var again = await GetAsync(rescheduled.Id);
        Assert.Equal(WebhookDeliveryState.Pending, again.State);
        Assert.Equal(T0.AddMinutes(5), again.NextAttemptAt);
        Assert.Null(again.LeaseOwner);
        Assert.Null(again.CompletedAt);
        var dead = await GetAsync(deadLettered.Id);
        Assert.Equal(WebhookDeliveryState.DeadLettered, dead.State);
        Assert.Equal(WebhookDeadLetterReason.RetriesExhausted, dead.DeadLetterReason);
        Assert.Equal(T0.AddSeconds(3), dead.CompletedAt);
        var untouched = await GetAsync(otherOwner.Id);
        Assert.Equal(WebhookDeliveryState.Pending, untouched.State);
        Assert.Equal("node-2", untouched.LeaseOwner);
        Assert.Equal(1, untouched.AttemptCount); // the attempt's summary is kept where the lease was lost
        Assert.Equal(200, untouched.LastStatusCode);

        // The attempt happened, so it is in the history even where the lease was lost.
        foreach (var delivery in new[] { succeeded, rescheduled, deadLettered, otherOwner })
        {
            Assert.Single(await Monitor.GetAttemptsAsync(delivery.Id, Ct));
        }
    }

    /// <summary>Finish attempts ignores unknown deliveries and takes an empty batch.</summary>
    [Fact]
    public async Task Finish_attempts_ignores_unknown_deliveries_and_takes_an_empty_batch()
    {
        Assert.Empty(await Store.FinishAttemptsAsync([], Ct));
        var applied = await Store.FinishAttemptsAsync(
        [
            new WebhookAttemptOutcome
            {
                DeliveryId = "01J00000000000000000000000",
                Attempt = NewAttempt("01J00000000000000000000000", 1, T0),
                LeaseOwner = "node-1",
                Resolution = WebhookAttemptResolution.Succeeded,
                At = T0,
            },
        ], Ct);
        Assert.Equal([false], applied);
        Assert.Empty(await Monitor.GetAttemptsAsync("01J00000000000000000000000", Ct));
    }

    /// <summary>An outcome without an attempt (a deferral, a release, a dead letter because the subscription is gone) changes only the state.</summary>
    [Fact]
    public async Task Finish_without_an_attempt_changes_the_state_and_records_no_attempt()
    {
        var deferred = await EnqueueOneAsync(createdAt: T0);
        var gone = await EnqueueOneAsync(createdAt: T0.AddMilliseconds(1));
        Assert.Equal(2, (await Store.LeaseDueAsync("node-1", T0.AddSeconds(1), 10, Lease, Ct)).Count);
        await RecordAttemptAsync(NewAttempt(deferred.Id, 1, T0.AddSeconds(1), 503));

        var applied = await Store.FinishAttemptsAsync(
        [
            new WebhookAttemptOutcome { DeliveryId = deferred.Id, LeaseOwner = "node-1", Resolution = WebhookAttemptResolution.Rescheduled, At = T0.AddMinutes(1) },
            new WebhookAttemptOutcome
            {
                DeliveryId = gone.Id,
                LeaseOwner = "node-1",
                Resolution = WebhookAttemptResolution.DeadLettered,
                At = T0.AddSeconds(2),
                DeadLetterReason = WebhookDeadLetterReason.SubscriptionNotFound,
            },
        ], Ct);

        Assert.Equal([true, true], applied);
        var stored = await GetAsync(deferred.Id);
        Assert.Equal(WebhookDeliveryState.Pending, stored.State);
        Assert.Equal(T0.AddMinutes(1), stored.NextAttemptAt);
        Assert.Null(stored.LeaseOwner);
        Assert.Equal(1, stored.AttemptCount);
        Assert.Equal(503, stored.LastStatusCode);
        Assert.Equal(T0.AddSeconds(1), stored.LastAttemptAt);
        Assert.Single(await Monitor.GetAttemptsAsync(deferred.Id, Ct));
        var dead = await GetAsync(gone.Id);
        Assert.Equal(WebhookDeliveryState.DeadLettered, dead.State);
        Assert.Equal(WebhookDeadLetterReason.SubscriptionNotFound, dead.DeadLetterReason);
        Assert.Equal(0, dead.AttemptCount);
        Assert.Null(dead.LastAttemptAt);
        Assert.Empty(await Monitor.GetAttemptsAsync(gone.Id, Ct));
    }

    /// <summary>A batch that is not one new state per delivery, or whose attempt belongs to another delivery, is refused before anything is written.</summary>
    [Fact]
    public async Task Finish_attempts_refuses_an_inconsistent_batch()
    {
        var delivery = await EnqueueOneAsync();
        var other = await EnqueueOneAsync();
        await Store.LeaseDueAsync("node-1", T0, 10, Lease, Ct);
        var complete = new WebhookAttemptOutcome { DeliveryId = delivery.Id, LeaseOwner = "node-1", Resolution = WebhookAttemptResolution.Succeeded, At = T0.AddSeconds(1) };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.FinishAttemptsAsync(null!, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.FinishAttemptsAsync([complete, complete with { Resolution = WebhookAttemptResolution.Rescheduled }], Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.FinishAttemptsAsync([complete with { Attempt = NewAttempt(other.Id, 1, T0) }], Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.FinishAttemptsAsync([complete with { LeaseOwner = "" }], Ct));

        var stored = await GetAsync(delivery.Id);
        Assert.Equal(WebhookDeliveryState.Pending, stored.State);
        Assert.Equal("node-1", stored.LeaseOwner);
        Assert.Empty(await Monitor.GetAttemptsAsync(other.Id, Ct));
    }

    // ---------------------------------------------------------------- attempts

    /// <summary>Attempts are recorded in order and update the delivery summary.</summary>
    [Fact]
    public async Task Attempts_are_recorded_in_order_and_update_the_delivery_summary()
    {
        var delivery = await EnqueueOneAsync();
        var longBody = new string('x', WebhookDeliveryAttempt.MaxResponseBodyBytes);
        var first = NewAttempt(delivery.Id, 1, T0, 500, WebhookDeliveryErrorKind.HttpStatus, longBody);
        var second = NewAttempt(delivery.Id, 2, T0.AddSeconds(5), null, WebhookDeliveryErrorKind.Timeout, null);

        await RecordAttemptAsync(first);
        await RecordAttemptAsync(second);

        var attempts = await Monitor.GetAttemptsAsync(delivery.Id, Ct);
        Assert.Equal(2, attempts.Count);
        Assert.Equal(first.AttemptId, attempts[0].AttemptId);
        Assert.Equal(delivery.Id, attempts[0].DeliveryId);
        Assert.Equal(1, attempts[0].AttemptNumber);
        Assert.Equal(T0, attempts[0].StartedAt);
        Assert.Equal(TimeSpan.FromMilliseconds(123), attempts[0].Duration);
        Assert.Equal(500, attempts[0].StatusCode);
        Assert.Equal(WebhookDeliveryErrorKind.HttpStatus, attempts[0].ErrorKind);
        Assert.Equal(longBody, attempts[0].ResponseBody);
        Assert.Equal(second.AttemptId, attempts[1].AttemptId);
        Assert.Null(attempts[1].StatusCode);
        Assert.Null(attempts[1].ResponseBody);
        Assert.Equal(WebhookDeliveryErrorKind.Timeout, attempts[1].ErrorKind);

        var stored = await GetAsync(delivery.Id);
        Assert.Equal(2, stored.AttemptCount);
        Assert.Equal(T0.AddSeconds(5), stored.LastAttemptAt);
        Assert.Null(stored.LastStatusCode);
        Assert.Equal(WebhookDeliveryErrorKind.Timeout, stored.LastErrorKind);
    }

    /// <summary>Attempts of one delivery do not show up on another.</summary>
    [Fact]
    public async Task Attempts_of_one_delivery_do_not_show_up_on_another()
    {
        var a = await EnqueueOneAsync(createdAt: T0);
        var b = await EnqueueOneAsync(createdAt: T0.AddMilliseconds(1));
        await RecordAttemptAsync(NewAttempt(a.Id, 1, T0));

        Assert.Single(await Monitor.GetAttemptsAsync(a.Id, Ct));
        Assert.Empty(await Monitor.GetAttemptsAsync(b.Id, Ct));
    }

    // ---------------------------------------------------------------- query and paging

    /// <summary>Query filters by event subscription tenant state and time window.</summary>
    [Fact]
    public async Task Query_filters_by_event_subscription_tenant_state_and_time_window()
    {
        var a1 = await EnqueueOneAsync("sub-a", T0);
        var b1 = await EnqueueOneAsync("sub-b", T0.AddMinutes(1));
        var a2 = await EnqueueOneAsync("sub-a", T0.AddMinutes(2), tenantId: "tenant-9");
        await LeaseOneAsync("node-1", T0.AddMinutes(3));
        Assert.True(await CompleteAsync(a1.Id, "node-1", T0.AddMinutes(3)));

        async Task<string[]> Ids(WebhookDeliveryQuery q) =>
            (await Monitor.QueryDeliveriesAsync(q, Ct)).Items.Select(d => d.Id).ToArray();

        Assert.Equal([a1.Id, b1.Id, a2.Id], await Ids(new WebhookDeliveryQuery()));
        Assert.Equal([b1.Id], await Ids(new WebhookDeliveryQuery { EventId = b1.EventId }));
        Assert.Equal([a1.Id, a2.Id], await Ids(new WebhookDeliveryQuery { SubscriptionId = "sub-a" }));
        Assert.Equal([a2.Id], await Ids(new WebhookDeliveryQuery { TenantId = "tenant-9" }));
        Assert.Equal([a1.Id], await Ids(new WebhookDeliveryQuery { State = WebhookDeliveryState.Succeeded }));
        Assert.Equal([b1.Id, a2.Id], await Ids(new WebhookDeliveryQuery { State = WebhookDeliveryState.Pending }));
        Assert.Equal([b1.Id], await Ids(new WebhookDeliveryQuery { CreatedFrom = T0.AddMinutes(1), CreatedBefore = T0.AddMinutes(2) }));
        Assert.Equal([a2.Id], await Ids(new WebhookDeliveryQuery { SubscriptionId = "sub-a", CreatedFrom = T0.AddSeconds(1) }));
        Assert.Empty(await Ids(new WebhookDeliveryQuery { SubscriptionId = "sub-b", State = WebhookDeliveryState.DeadLettered }));
    }

    /// <summary>Query pages in id order with the next cursor.</summary>
    [Fact]
    public async Task Query_pages_in_id_order_with_the_next_cursor()
    {
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await EnqueueOneAsync(createdAt: T0.AddSeconds(i))).Id);
        }

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { Limit = 3, After = after }, Ct);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(d => d.Id));
            after = page.NextAfter;
            pages++;
        }
        while (after is not null);

        Assert.Equal(3, pages);
        Assert.Equal(ids, seen);
    }

    /// <summary>Query with exactly one page of results has no next cursor.</summary>
    [Fact]
    public async Task Query_with_exactly_one_page_of_results_has_no_next_cursor()
    {
        for (var i = 0; i < 3; i++)
        {
            await EnqueueOneAsync(createdAt: T0.AddSeconds(i));
        }

        var page = await Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { Limit = 3 }, Ct);
        Assert.Equal(3, page.Items.Count);
        Assert.Null(page.NextAfter);
    }

    // ---------------------------------------------------------------- requeue

    /// <summary>Requeue makes a dead letter pending again with a fresh schedule and keeps its attempts.</summary>
    [Fact]
    public async Task Requeue_makes_a_dead_letter_pending_again_with_a_fresh_schedule_and_keeps_its_attempts()
    {
        var delivery = await EnqueueOneAsync();
        await LeaseOneAsync("node-1", T0);
        await RecordAttemptAsync(NewAttempt(delivery.Id, 10, T0));
        await DeadLetterAsync(delivery.Id, "node-1", T0.AddSeconds(1), WebhookDeadLetterReason.RetriesExhausted);

        Assert.True(await Monitor.RequeueAsync(delivery.Id, T0.AddHours(1), Ct));

        var stored = await GetAsync(delivery.Id);
        Assert.Equal(WebhookDeliveryState.Pending, stored.State);
        Assert.Equal(0, stored.AttemptCount);
        Assert.Equal(T0.AddHours(1), stored.NextAttemptAt);
        Assert.Null(stored.CompletedAt);
        Assert.Null(stored.DeadLetterReason);
        Assert.Null(stored.LeaseOwner);
        Assert.Single(await Monitor.GetAttemptsAsync(delivery.Id, Ct));
        Assert.Equal(delivery.Id, (await LeaseOneAsync("node-2", T0.AddHours(1))).Id);
    }

    /// <summary>Requeue redelivers a succeeded delivery.</summary>
    [Fact]
    public async Task Requeue_redelivers_a_succeeded_delivery()
    {
        var delivery = await EnqueueOneAsync();
        await LeaseOneAsync("node-1", T0);
        await CompleteAsync(delivery.Id, "node-1", T0.AddSeconds(1));

        Assert.True(await Monitor.RequeueAsync(delivery.Id, T0.AddMinutes(1), Ct));
        Assert.Equal(WebhookDeliveryState.Pending, (await GetAsync(delivery.Id)).State);
    }

    /// <summary>Requeue is refused while a lease holds and for unknown ids.</summary>
    [Fact]
    public async Task Requeue_is_refused_while_a_lease_holds_and_for_unknown_ids()
    {
        var delivery = await EnqueueOneAsync();
        await LeaseOneAsync("node-1", T0);

        Assert.False(await Monitor.RequeueAsync(delivery.Id, T0.AddSeconds(1), Ct));
        Assert.Equal("node-1", (await GetAsync(delivery.Id)).LeaseOwner);
        Assert.True(await Monitor.RequeueAsync(delivery.Id, T0 + Lease, Ct));
        Assert.False(await Monitor.RequeueAsync("01J00000000000000000000000", T0, Ct));
    }

    /// <summary>Requeue of dead letters takes only that subscriptions dead letters created in the window.</summary>
    [Fact]
    public async Task Requeue_of_dead_letters_takes_only_that_subscriptions_dead_letters_created_in_the_window()
    {
        var inWindow = await EnqueueOneAsync("sub-a", T0.AddHours(1));
        var tooEarly = await EnqueueOneAsync("sub-a", T0);
        var atEnd = await EnqueueOneAsync("sub-a", T0.AddHours(2));
        var other = await EnqueueOneAsync("sub-b", T0.AddHours(1).AddMilliseconds(1));
        var succeeded = await EnqueueOneAsync("sub-a", T0.AddHours(1).AddMilliseconds(2));
        var pending = await EnqueueOneAsync("sub-a", T0.AddHours(1).AddMilliseconds(3), dueAt: T0.AddDays(9));
        var now = T0.AddHours(3);
        var leased = await Store.LeaseDueAsync("node-1", now, 10, Lease, Ct);
        Assert.Equal(5, leased.Count);
        foreach (var d in new[] { inWindow, tooEarly, atEnd, other })
        {
            Assert.True(await DeadLetterAsync(d.Id, "node-1", now, WebhookDeadLetterReason.RetriesExhausted));
        }

        Assert.True(await CompleteAsync(succeeded.Id, "node-1", now));

        var count = await Monitor.RequeueDeadLettersAsync("sub-a", T0.AddHours(1), T0.AddHours(2), now.AddMinutes(1), Ct);

        Assert.Equal(1, count);
        Assert.Equal(WebhookDeliveryState.Pending, (await GetAsync(inWindow.Id)).State);
        Assert.Equal(now.AddMinutes(1), (await GetAsync(inWindow.Id)).NextAttemptAt);
        Assert.Equal(WebhookDeliveryState.DeadLettered, (await GetAsync(tooEarly.Id)).State);
        Assert.Equal(WebhookDeliveryState.DeadLettered, (await GetAsync(atEnd.Id)).State);
        Assert.Equal(WebhookDeliveryState.DeadLettered, (await GetAsync(other.Id)).State);
        Assert.Equal(WebhookDeliveryState.Succeeded, (await GetAsync(succeeded.Id)).State);
        Assert.Equal(T0.AddDays(9), (await GetAsync(pending.Id)).NextAttemptAt);
    }

    // ---------------------------------------------------------------- purge

    /// <summary>Purge deletes old succeeded deliveries with their attempts and keeps dead letters and pending.</summary>
    [Fact]
    public async Task Purge_deletes_old_succeeded_deliveries_with_their_attempts_and_keeps_dead_letters_and_pending()
    {
        var oldDone = await EnqueueOneAsync(createdAt: T0);
        var oldDead = await EnqueueOneAsync(createdAt: T0.AddMilliseconds(1));
        var newDone = await EnqueueOneAsync(createdAt: T0.AddMilliseconds(2));
        var pending = await EnqueueOneAsync(createdAt: T0.AddMilliseconds(3), dueAt: T0.AddDays(100));
        Assert.Equal(3, (await Store.LeaseDueAsync("node-1", T0.AddSeconds(1), 10, Lease, Ct)).Count);
        await RecordAttemptAsync(NewAttempt(oldDone.Id, 1, T0, 200, WebhookDeliveryErrorKind.None));
        await CompleteAsync(oldDone.Id, "node-1", T0.AddDays(1));
        await DeadLetterAsync(oldDead.Id, "node-1", T0.AddDays(1), WebhookDeadLetterReason.RetriesExhausted);
        await CompleteAsync(newDone.Id, "node-1", T0.AddDays(20));

        var purged = await Monitor.PurgeAsync(T0.AddDays(10), includeDeadLetters: false, Ct);

        Assert.Equal(1, purged);
        Assert.Null(await Monitor.GetDeliveryAsync(oldDone.Id, Ct));
        Assert.Empty(await Monitor.GetAttemptsAsync(oldDone.Id, Ct));
        Assert.NotNull(await Monitor.GetDeliveryAsync(oldDead.Id, Ct));
        Assert.NotNull(await Monitor.GetDeliveryAsync(newDone.Id, Ct));
        Assert.NotNull(await Monitor.GetDeliveryAsync(pending.Id, Ct));

        Assert.Equal(1, await Monitor.PurgeAsync(T0.AddDays(10), includeDeadLetters: true, Ct));
        Assert.Null(await Monitor.GetDeliveryAsync(oldDead.Id, Ct));
        Assert.NotNull(await Monitor.GetDeliveryAsync(pending.Id, Ct));
        Assert.Equal(0, await Monitor.PurgeAsync(T0.AddDays(10), includeDeadLetters: true, Ct));
    }

    /// <summary>Purge forgets an event id only when none of its deliveries is left.</summary>
    [Fact]
    public async Task Purge_forgets_an_event_id_only_when_none_of_its_deliveries_is_left()
    {
        var eventId = NewEventId(T0);
        var a = NewDelivery(eventId, "sub-a");
        var b = NewDelivery(eventId, "sub-b");
        Assert.True(await Store.EnqueueAsync(NewEvent(eventId, T0, a, b), Ct));
        var leased = await Store.LeaseDueAsync("node-1", T0, 10, Lease, Ct);
        Assert.Equal(2, leased.Count);
        await CompleteAsync(a.Id, "node-1", T0.AddMinutes(1));

        Assert.Equal(1, await Monitor.PurgeAsync(T0.AddDays(1), includeDeadLetters: false, Ct));
        Assert.False(await Store.EnqueueAsync(NewEvent(eventId, T0.AddDays(2), NewDelivery(eventId, "sub-c", T0.AddDays(2))), Ct));

        await CompleteAsync(b.Id, "node-1", T0.AddMinutes(1));
        Assert.Equal(1, await Monitor.PurgeAsync(T0.AddDays(1), includeDeadLetters: false, Ct));
        Assert.True(await Store.EnqueueAsync(NewEvent(eventId, T0.AddDays(2), NewDelivery(eventId, "sub-c", T0.AddDays(2))), Ct));
    }

    /// <summary>Purge keeps the event ids of recent events without deliveries.</summary>
    [Fact]
    public async Task Purge_keeps_the_event_ids_of_recent_events_without_deliveries()
    {
        var oldId = NewEventId(T0);
        var newId = NewEventId(T0.AddDays(5));
        Assert.True(await Store.EnqueueAsync(NewEvent(oldId, T0), Ct));
        Assert.True(await Store.EnqueueAsync(NewEvent(newId, T0.AddDays(5)), Ct));

        Assert.Equal(0, await Monitor.PurgeAsync(T0.AddDays(1), includeDeadLetters: false, Ct));

        Assert.True(await Store.EnqueueAsync(NewEvent(oldId, T0.AddDays(6)), Ct));
        Assert.False(await Store.EnqueueAsync(NewEvent(newId, T0.AddDays(6)), Ct));
    }

    // ---------------------------------------------------------------- queue depth and subscription health

    /// <summary>Queue depth counts pending and due deliveries.</summary>
    [Fact]
    public async Task Queue_depth_counts_pending_and_due_deliveries()
    {
        await EnqueueOneAsync(createdAt: T0);
        await EnqueueOneAsync(createdAt: T0.AddMilliseconds(1));
        await EnqueueOneAsync(createdAt: T0.AddMilliseconds(2), dueAt: T0.AddHours(1));
        var done = await EnqueueOneAsync(createdAt: T0.AddMilliseconds(3));

        Assert.Equal(new WebhookQueueDepth(4, 3), await Monitor.GetQueueDepthAsync(T0.AddSeconds(1), Ct));

        var leased = await Store.LeaseDueAsync("node-1", T0.AddSeconds(1), 2, Lease, Ct);
        Assert.Equal(2, leased.Count);
        Assert.Equal(new WebhookQueueDepth(4, 1), await Monitor.GetQueueDepthAsync(T0.AddSeconds(2), Ct));

        await LeaseOneAsync("node-1", T0.AddSeconds(2));
        await CompleteAsync(done.Id, "node-1", T0.AddSeconds(3));
        Assert.Equal(new WebhookQueueDepth(3, 0), await Monitor.GetQueueDepthAsync(T0.AddSeconds(3), Ct));
        Assert.Equal(new WebhookQueueDepth(3, 3), await Monitor.GetQueueDepthAsync(T0.AddHours(1), Ct));
    }

    /// <summary>Subscription health tracks the first failure since the last success.</summary>
    [Fact]
    public async Task Subscription_health_tracks_the_first_failure_since_the_last_success()
    {
        var fresh = await Store.RecordSubscriptionOutcomeAsync("sub-a", false, T0, Ct);
        Assert.Equal(new WebhookSubscriptionHealth("sub-a", null, T0), fresh);

        var stillFailing = await Store.RecordSubscriptionOutcomeAsync("sub-a", false, T0.AddDays(2), Ct);
        Assert.Equal(T0, stillFailing.FailingSince);

        var ok = await Store.RecordSubscriptionOutcomeAsync("sub-a", true, T0.AddDays(3), Ct);
        Assert.Equal(new WebhookSubscriptionHealth("sub-a", T0.AddDays(3), null), ok);

        var again = await Store.RecordSubscriptionOutcomeAsync("sub-a", false, T0.AddDays(4), Ct);
        Assert.Equal(new WebhookSubscriptionHealth("sub-a", T0.AddDays(3), T0.AddDays(4)), again);

        var other = await Store.RecordSubscriptionOutcomeAsync("sub-b", true, T0, Ct);
        Assert.Equal(new WebhookSubscriptionHealth("sub-b", T0, null), other);
    }
}
