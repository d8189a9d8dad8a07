using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Publishing.PostgreSql.Storage;
using Ordinavo.Webhooks.Publishing.TestHost;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Tests;

/// <summary>
/// The group commit of publishes, with the statement replaced by a recording function whose first call is held open,
/// so that the publishes queued behind it are known to go in the next batch.
/// </summary>
public sealed class PostgreSqlPublishBatcherTests
{
    private readonly TaskCompletionSource _firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _releaseFirst = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string[]> _calls = new();
    private readonly ConcurrentQueue<bool> _notifyFlags = new();
    private readonly HashSet<string> _stored = new(StringComparer.Ordinal);
    private int _callCount;

    [Fact]
    public async Task Publishes_queued_while_a_batch_is_written_go_to_the_server_together_in_the_next_one()
    {
        var batcher = Batcher();
        var first = batcher.EnqueueAsync(TestEvents.Prepared("evt_first"), CancellationToken.None);
        await _firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var queued = Enumerable.Range(0, 5).Select(i => batcher.EnqueueAsync(TestEvents.Prepared($"evt_{i}"), CancellationToken.None)).ToArray();

        _releaseFirst.SetResult();

        Assert.True(await first);
        Assert.All(await Task.WhenAll(queued), Assert.True);
        Assert.Equal([1, 5], _calls.Select(c => c.Length));
    }

    [Fact]
    public async Task A_failing_batch_is_written_again_event_by_event_so_that_one_bad_event_fails_only_its_own_caller()
    {
        var batcher = Batcher();
        var first = batcher.EnqueueAsync(TestEvents.Prepared("evt_first"), CancellationToken.None);
        await _firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var good1 = batcher.EnqueueAsync(TestEvents.Prepared("evt_good1"), CancellationToken.None);
        var bad = batcher.EnqueueAsync(TestEvents.Prepared("evt_bad"), CancellationToken.None);
        var good2 = batcher.EnqueueAsync(TestEvents.Prepared("evt_good2"), CancellationToken.None);

        _releaseFirst.SetResult();

        Assert.True(await first);
        Assert.True(await good1);
        Assert.True(await good2);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Equal("bad event", error.Message);
        Assert.Equal(
            ["evt_first", "evt_good1,evt_bad,evt_good2", "evt_good1", "evt_bad", "evt_good2"],
            _calls.Select(c => string.Join(',', c)));
    }

    [Fact]
    public async Task The_same_event_id_twice_never_shares_a_statement_and_the_second_publish_finds_it_stored()
    {
        var batcher = Batcher();
        var first = batcher.EnqueueAsync(TestEvents.Prepared("evt_first"), CancellationToken.None);
        await _firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var a = batcher.EnqueueAsync(TestEvents.Prepared("evt_a"), CancellationToken.None);
        var again = batcher.EnqueueAsync(TestEvents.Prepared("evt_a"), CancellationToken.None);
        var b = batcher.EnqueueAsync(TestEvents.Prepared("evt_b"), CancellationToken.None);

        _releaseFirst.SetResult();

        Assert.True(await first);
        Assert.True(await a);
        Assert.False(await again);
        Assert.True(await b);
        Assert.Equal(["evt_first", "evt_a,evt_b", "evt_a"], _calls.Select(c => string.Join(',', c)));
    }

    [Fact]
    public async Task A_publish_cancelled_before_its_batch_is_taken_is_not_written()
    {
        var batcher = Batcher();
        var first = batcher.EnqueueAsync(TestEvents.Prepared("evt_first"), CancellationToken.None);
        await _firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using var cancellation = new CancellationTokenSource();
        var cancelled = batcher.EnqueueAsync(TestEvents.Prepared("evt_cancelled"), cancellation.Token);
        var kept = batcher.EnqueueAsync(TestEvents.Prepared("evt_kept"), CancellationToken.None);
        await cancellation.CancelAsync();

        _releaseFirst.SetResult();

        Assert.True(await first);
        Assert.True(await kept);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(["evt_first", "evt_kept"], _calls.Select(c => string.Join(',', c)));
    }

    [Fact]
    public async Task A_publish_whose_token_is_already_cancelled_is_refused_at_once()
    {
        var batcher = Batcher();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => batcher.EnqueueAsync(TestEvents.Prepared("evt_x"), new CancellationToken(canceled: true)));

        Assert.Empty(_calls);
    }

    [Fact]
    public async Task A_batch_notifies_unless_one_did_within_the_interval_and_deliveries_stored_without_one_are_announced_once_at_its_end()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 18, 16, 40, 0, TimeSpan.Zero));
        var announced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var announcements = 0;
        var batcher = new PostgreSqlPublishBatcher(WriteAsync, () =>
        {
            Interlocked.Increment(ref announcements);
            announced.TrySetResult();
            return Task.CompletedTask;
        }, _ => { }, time);
        _releaseFirst.SetResult();

        Assert.True(await batcher.EnqueueAsync(TestEvents.Prepared("evt_1"), CancellationToken.None));
        Assert.True(await batcher.EnqueueAsync(TestEvents.Prepared("evt_2"), CancellationToken.None));
        Assert.True(await batcher.EnqueueAsync(TestEvents.Prepared("evt_3"), CancellationToken.None));

        Assert.Equal([true, false, false], _notifyFlags);
        Assert.Equal(0, Volatile.Read(ref announcements));
        time.Advance(PostgreSqlPublishBatcher.NotificationInterval);
        await announced.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, Volatile.Read(ref announcements));

        // The interval since the announcement has passed: the next batch notifies itself and leaves nothing to announce.
        time.Advance(PostgreSqlPublishBatcher.NotificationInterval);
        Assert.True(await batcher.EnqueueAsync(TestEvents.Prepared("evt_4"), CancellationToken.None));
        Assert.True(_notifyFlags.Last());

        // Within that batch's interval: an event without deliveries stores nothing to announce.
        var empty = TestEvents.Prepared("evt_5");
        Assert.True(await batcher.EnqueueAsync(
            new WebhookPreparedEvent { EventId = empty.EventId, TenantId = empty.TenantId, EventType = empty.EventType, CreatedAt = empty.CreatedAt, Deliveries = [] },
            CancellationToken.None));
        Assert.False(_notifyFlags.Last());
        time.Advance(PostgreSqlPublishBatcher.NotificationInterval * 3);
        await Task.Delay(100); // an announcement would run on the thread pool after the fake clock's timer fired
        Assert.Equal(1, Volatile.Read(ref announcements));
    }

    [Fact]
    public async Task Without_notifications_no_batch_notifies()
    {
        var batcher = new PostgreSqlPublishBatcher(WriteAsync, notify: null, _ => { }, TimeProvider.System);
        _releaseFirst.SetResult();

        Assert.True(await batcher.EnqueueAsync(TestEvents.Prepared("evt_1"), CancellationToken.None));
        Assert.True(await batcher.EnqueueAsync(TestEvents.Prepared("evt_2"), CancellationToken.None));

        Assert.Equal([false, false], _notifyFlags);
    }

    private PostgreSqlPublishBatcher Batcher() => new(WriteAsync, notify: null, _ => { }, TimeProvider.System);

    /// <summary>Records the batch; the first call waits for the test; an event named evt_bad fails the whole statement.</summary>
    private async Task<bool[]> WriteAsync(IReadOnlyList<WebhookPreparedEvent> events, bool notify, CancellationToken cancellationToken)
    {
        _calls.Enqueue([.. events.Select(e => e.EventId)]);
        _notifyFlags.Enqueue(notify);
        if (Interlocked.Increment(ref _callCount) == 1)
        {
            _firstStarted.SetResult();
            await _releaseFirst.Task;
        }

        if (events.Any(e => e.EventId == "evt_bad"))
        {
            throw new InvalidOperationException("bad event");
        }

        lock (_stored)
        {
            return [.. events.Select(e => _stored.Add(e.EventId))];
        }
    }
}
