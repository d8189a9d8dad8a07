namespace Ordinavo.Webhooks.Publishing.Tests.Delivery;

public sealed class RetryPolicyTests
{
    private static readonly TimeSpan[] Contract =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
        TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(20), TimeSpan.FromHours(24),
    ];

    [Fact]
    public void The_default_schedule_is_the_contracts_ten_attempts()
    {
        var policy = new RetryPolicy(new WebhookPublisherOptions());

        Assert.Equal(Contract, policy.Schedule);
        Assert.Equal(10, policy.MaxAttempts);
        for (var attempt = 1; attempt <= 9; attempt++)
        {
            Assert.Equal(Contract[attempt - 1], policy.NextDelay(attempt, false, null, 0.5));
        }

        Assert.Null(policy.NextDelay(10, false, null, 0.5));
    }

    [Fact]
    public void Jitter_stays_within_plus_minus_twenty_percent_and_reaches_both_ends()
    {
        var policy = new RetryPolicy(new WebhookPublisherOptions());
        Assert.Equal(TimeSpan.FromMinutes(4), policy.NextDelay(2, false, null, 0.0));
        Assert.InRange(policy.NextDelay(2, false, null, 0.9999999999)!.Value, TimeSpan.FromMinutes(6) - TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(6));

        var random = new Random(42);
        var seen = new List<double>();
        for (var i = 0; i < 2000; i++)
        {
            var attempt = 1 + (i % 9);
            var delay = policy.NextDelay(attempt, false, null, random.NextDouble())!.Value;
            var ratio = delay / Contract[attempt - 1];
            Assert.InRange(ratio, 0.8, 1.2);
            seen.Add(ratio);
        }

        Assert.True(seen.Min() < 0.82 && seen.Max() > 1.18, "The jitter should spread over the whole range.");
    }

    [Fact]
    public void A_configured_jitter_and_schedule_are_used()
    {
        var policy = new RetryPolicy(new WebhookPublisherOptions { RetrySchedule = [TimeSpan.FromSeconds(10)], RetryJitter = 0.5 });
        Assert.Equal(TimeSpan.FromSeconds(5), policy.NextDelay(1, false, null, 0));
        Assert.Null(policy.NextDelay(2, false, null, 0));
        Assert.Equal(2, policy.MaxAttempts);
    }

    [Fact]
    public void After_a_timeout_or_429_the_next_delay_is_at_least_60_seconds()
    {
        var policy = new RetryPolicy(new WebhookPublisherOptions());
        Assert.Equal(TimeSpan.FromSeconds(60), policy.NextDelay(1, true, null, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(5), policy.NextDelay(1, false, null, 0.5));
        Assert.Equal(TimeSpan.FromMinutes(5), policy.NextDelay(2, true, null, 0.5));
    }

    [Fact]
    public void Retry_after_is_honoured_when_later_than_the_schedule_and_bounded()
    {
        var policy = new RetryPolicy(new WebhookPublisherOptions { MaximumRetryAfter = TimeSpan.FromHours(1) });
        Assert.Equal(TimeSpan.FromMinutes(10), policy.NextDelay(1, false, TimeSpan.FromMinutes(10), 0.5));
        Assert.Equal(TimeSpan.FromHours(1), policy.NextDelay(1, false, TimeSpan.FromDays(3), 0.5));
        Assert.Equal(TimeSpan.FromMinutes(5), policy.NextDelay(2, false, TimeSpan.FromSeconds(3), 0.5));
        Assert.Equal(TimeSpan.FromSeconds(60), policy.NextDelay(1, true, TimeSpan.FromSeconds(30), 0.5));
    }

    [Fact]
    public void Retry_after_is_ignored_when_turned_off()
    {
        var policy = new RetryPolicy(new WebhookPublisherOptions { HonorRetryAfter = false });
        Assert.Equal(TimeSpan.FromSeconds(5), policy.NextDelay(1, false, TimeSpan.FromMinutes(10), 0.5));
    }
}
