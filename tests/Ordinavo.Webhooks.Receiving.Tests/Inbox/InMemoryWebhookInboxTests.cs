using Microsoft.Extensions.Time.Testing;

namespace Ordinavo.Webhooks.Receiving.Tests;

public sealed class InMemoryWebhookInboxTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 18, 16, 40, 0, TimeSpan.Zero));

    [Fact]
    public async Task Begin_complete_then_begin_again_reports_already_handled()
    {
        var inbox = new InMemoryWebhookInbox(timeProvider: _clock);

        var first = await inbox.TryBeginAsync("evt_a", Lease, default);
        var concurrent = await inbox.TryBeginAsync("evt_a", Lease, default);
        await inbox.CompleteAsync(first.Lease, default);
        var later = await inbox.TryBeginAsync("evt_a", Lease, default);

        Assert.Equal(WebhookInboxStatus.New, first.Status);
        Assert.Equal("evt_a", first.Lease.EventId);
        Assert.Equal(_clock.GetUtcNow() + Lease, first.Lease.ExpiresAt);
        Assert.Equal(WebhookInboxStatus.InProgress, concurrent.Status);
        Assert.Equal(WebhookInboxStatus.AlreadyHandled, later.Status);
    }

    [Fact]
    public async Task A_released_event_can_be_begun_again()
    {
        var inbox = new InMemoryWebhookInbox(timeProvider: _clock);
        var first = await inbox.TryBeginAsync("evt_a", Lease, default);

        await inbox.ReleaseAsync(first.Lease, default);
        var second = await inbox.TryBeginAsync("evt_a", Lease, default);

        Assert.Equal(WebhookInboxStatus.New, second.Status);
        Assert.NotEqual(first.Lease.Token, second.Lease.Token);
    }

    [Fact]
    public async Task An_expired_lease_can_be_taken_over_and_the_old_lease_cannot_release_the_new_one()
    {
        var inbox = new InMemoryWebhookInbox(timeProvider: _clock);
        var crashed = await inbox.TryBeginAsync("evt_a", Lease, default);

        _clock.Advance(Lease);
        var takeover = await inbox.TryBeginAsync("evt_a", Lease, default);
        await inbox.ReleaseAsync(crashed.Lease, default);
        var whileTakeoverRuns = await inbox.TryBeginAsync("evt_a", Lease, default);

        Assert.Equal(WebhookInboxStatus.New, takeover.Status);
        Assert.Equal(WebhookInboxStatus.InProgress, whileTakeoverRuns.Status);
    }

    [Fact]
    public async Task Handled_ids_are_forgotten_after_the_retention()
    {
        var inbox = new InMemoryWebhookInbox(new InMemoryWebhookInboxOptions { Retention = TimeSpan.FromDays(1) }, _clock);
        var begun = await inbox.TryBeginAsync("evt_a", Lease, default);
        await inbox.CompleteAsync(begun.Lease, default);

        _clock.Advance(TimeSpan.FromHours(23));
        var withinRetention = await inbox.TryBeginAsync("evt_a", Lease, default);
        _clock.Advance(TimeSpan.FromHours(1));
        var afterRetention = await inbox.TryBeginAsync("evt_a", Lease, default);

        Assert.Equal(WebhookInboxStatus.AlreadyHandled, withinRetention.Status);
        Assert.Equal(WebhookInboxStatus.New, afterRetention.Status);
    }

    [Fact]
    public async Task The_inbox_stays_within_its_bound_by_forgetting_the_oldest_handled_ids_first()
    {
        var inbox = new InMemoryWebhookInbox(new InMemoryWebhookInboxOptions { MaxEntries = 3 }, _clock);
        foreach (var id in new[] { "evt_1", "evt_2", "evt_3" })
        {
            var lease = (await inbox.TryBeginAsync(id, Lease, default)).Lease;
            await inbox.CompleteAsync(lease, default);
        }

        await inbox.TryBeginAsync("evt_4", Lease, default);

        Assert.Equal(3, inbox.Count);
        Assert.Equal(WebhookInboxStatus.AlreadyHandled, (await inbox.TryBeginAsync("evt_3", Lease, default)).Status);
        Assert.Equal(WebhookInboxStatus.InProgress, (await inbox.TryBeginAsync("evt_4", Lease, default)).Status);
        Assert.Equal(WebhookInboxStatus.New, (await inbox.TryBeginAsync("evt_1", Lease, default)).Status);
    }

    [Fact]
    public async Task Expired_leases_are_dropped_when_the_inbox_is_full()
    {
        var inbox = new InMemoryWebhookInbox(new InMemoryWebhookInboxOptions { MaxEntries = 2 }, _clock);
        await inbox.TryBeginAsync("evt_1", Lease, default);
        await inbox.TryBeginAsync("evt_2", Lease, default);

        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        await inbox.TryBeginAsync("evt_3", Lease, default);

        Assert.Equal(1, inbox.Count);
    }

    [Fact]
    public async Task Under_contention_exactly_one_caller_gets_the_lease()
    {
        var inbox = new InMemoryWebhookInbox(timeProvider: _clock);
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return (await inbox.TryBeginAsync("evt_race", Lease, default)).Status;
        })).ToArray();

        start.Set();
        var statuses = await Task.WhenAll(tasks);

        Assert.Equal(1, statuses.Count(s => s == WebhookInboxStatus.New));
        Assert.Equal(7, statuses.Count(s => s == WebhookInboxStatus.InProgress));
    }
}
