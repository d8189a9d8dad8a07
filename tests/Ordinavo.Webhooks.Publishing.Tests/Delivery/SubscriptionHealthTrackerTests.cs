using NSubstitute;

namespace Ordinavo.Webhooks.Publishing.Tests.Delivery;

/// <summary>Subscription health written when it changes, not on every attempt (a substitute store counts the writes).</summary>
public sealed class SubscriptionHealthTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 18, 16, 40, 0, TimeSpan.Zero);

    private readonly IWebhookOutboxStore _store = Substitute.For<IWebhookOutboxStore>();
    private readonly SubscriptionHealthTracker _tracker;

    public SubscriptionHealthTrackerTests()
    {
        _store.RecordSubscriptionOutcomeAsync(Arg.Any<string>(), Arg.Any<bool>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(call => new WebhookSubscriptionHealth(call.ArgAt<string>(0), null, call.ArgAt<bool>(1) ? null : call.ArgAt<DateTimeOffset>(2)));
        _tracker = new SubscriptionHealthTracker(_store);
    }

    [Fact]
    public async Task Successes_are_written_once_and_then_at_most_once_per_refresh_interval()
    {
        for (var i = 0; i < 100; i++)
        {
            Assert.Null(await _tracker.ObserveAsync("sub-1", succeeded: true, T0.AddMilliseconds(i * 100), confirm: false, CancellationToken.None));
        }

        Assert.Equal(1, Writes("sub-1"));
        await _tracker.ObserveAsync("sub-1", succeeded: true, T0 + SubscriptionHealthTracker.SuccessRefresh, confirm: false, CancellationToken.None);
        Assert.Equal(2, Writes("sub-1"));
    }

    [Fact]
    public async Task The_first_failure_after_a_success_and_the_first_success_after_failures_are_written()
    {
        await _tracker.ObserveAsync("sub-1", succeeded: true, T0, confirm: false, CancellationToken.None);
        Assert.Equal(T0.AddSeconds(1), await _tracker.ObserveAsync("sub-1", succeeded: false, T0.AddSeconds(1), confirm: false, CancellationToken.None));
        for (var i = 2; i < 50; i++)
        {
            Assert.Equal(T0.AddSeconds(1), await _tracker.ObserveAsync("sub-1", succeeded: false, T0.AddSeconds(i), confirm: false, CancellationToken.None));
        }

        Assert.Equal(2, Writes("sub-1"));
        Assert.Null(await _tracker.ObserveAsync("sub-1", succeeded: true, T0.AddSeconds(60), confirm: false, CancellationToken.None));
        Assert.Equal(3, Writes("sub-1"));
    }

    [Fact]
    public async Task A_confirmation_always_asks_the_store_and_each_subscription_is_tracked_on_its_own()
    {
        await _tracker.ObserveAsync("sub-1", succeeded: false, T0, confirm: false, CancellationToken.None);
        await _tracker.ObserveAsync("sub-1", succeeded: false, T0.AddDays(5), confirm: true, CancellationToken.None);
        await _tracker.ObserveAsync("sub-2", succeeded: false, T0, confirm: false, CancellationToken.None);

        Assert.Equal(2, Writes("sub-1"));
        Assert.Equal(1, Writes("sub-2"));
    }

    private int Writes(string subscriptionId) => _store.ReceivedCalls()
        .Count(c => c.GetMethodInfo().Name == nameof(IWebhookOutboxStore.RecordSubscriptionOutcomeAsync) && (string)c.GetArguments()[0]! == subscriptionId);
}
