using System;
using System.Collections.Generic;
using System.Linq;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>The retry schedule of contract section 5: when the next attempt is due after a failed one.</summary>
internal sealed class RetryPolicy
{
    private readonly TimeSpan[] _schedule;
    private readonly double _jitter;
    private readonly TimeSpan _minimumAfterThrottle;
    private readonly bool _honorRetryAfter;
    private readonly TimeSpan _maximumRetryAfter;

    public RetryPolicy(WebhookPublisherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _schedule = [.. options.RetrySchedule ?? (IEnumerable<TimeSpan>)[]];
        _jitter = options.RetryJitter;
        _minimumAfterThrottle = options.MinimumDelayAfterTimeoutOrThrottle;
        _honorRetryAfter = options.HonorRetryAfter;
        _maximumRetryAfter = options.MaximumRetryAfter;
    }

    /// <summary>The number of attempts in total (the first plus one per delay).</summary>
    public int MaxAttempts => _schedule.Length + 1;

    /// <summary>
    /// The delay before the attempt after <paramref name="attemptNumber"/>, or <see langword="null"/> when that was the last.
    /// </summary>
    /// <param name="attemptNumber">The failed attempt's number (1 for the first).</param>
    /// <param name="timedOutOrThrottled">Whether it timed out or was answered 429.</param>
    /// <param name="retryAfter">The answer's <c>Retry-After</c> as a delay from now, when it had one.</param>
    /// <param name="random">A uniform random value in [0, 1) for the jitter.</param>
    public TimeSpan? NextDelay(int attemptNumber, bool timedOutOrThrottled, TimeSpan? retryAfter, double random)
    {
        if (attemptNumber < 1 || attemptNumber > _schedule.Length)
        {
            return null;
        }

        var scheduled = _schedule[attemptNumber - 1];
        var factor = 1 + (_jitter * ((2 * random) - 1));
        var delay = TimeSpan.FromTicks((long)(scheduled.Ticks * factor));
        if (timedOutOrThrottled && delay < _minimumAfterThrottle)
        {
            delay = _minimumAfterThrottle;
        }

        if (_honorRetryAfter && retryAfter is { } wanted && wanted > TimeSpan.Zero)
        {
            var bounded = wanted > _maximumRetryAfter ? _maximumRetryAfter : wanted;
            if (bounded > delay)
            {
                delay = bounded;
            }
        }

        return delay;
    }

    /// <summary>The schedule's delays (for diagnostics and tests).</summary>
    public IReadOnlyList<TimeSpan> Schedule => _schedule.ToArray();
}
