using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Leases due deliveries and attempts them with a global and a per-endpoint concurrency limit. A delivery whose
/// endpoint already runs its limit is pushed back (<see cref="WebhookPublisherOptions.BusyEndpointDeferral"/>) instead
/// of waiting for a slot, so a hanging endpoint never holds slots other endpoints need.
/// </summary>
internal sealed class WebhookDeliveryEngine
{
    /// <summary>How often idle endpoints are looked for: a walk over the endpoints the engine knows, cheap but not free.</summary>
    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(5);

    private readonly IWebhookOutboxStore _store;
    private readonly IWebhookSubscriptionStore _subscriptions;
    private readonly WebhookSender _sender;
    private readonly WebhookPublisherOptions _options;
    private readonly TimeProvider _time;
    private readonly DeliverySignal _signal;
    private readonly ILogger _logger;
    private readonly AttemptFinisher _finisher;
    private readonly AttemptOutcomeHandler _outcomes;
    private readonly OutboxHousekeeping _housekeeping;
    private readonly DeliveryScheduler _scheduler;
    private readonly ConcurrentDictionary<Task, bool> _running = new();
    private readonly object _deferralGate = new();
    private readonly SortedSet<DateTimeOffset> _deferralsDue = [];
    private ITimer? _deferralWake;
    private DateTimeOffset _deferralWakeAt = DateTimeOffset.MaxValue;
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    public WebhookDeliveryEngine(
        IWebhookOutboxStore store,
        IWebhookDeliveryMonitor monitor,
        IWebhookSubscriptionStore subscriptions,
        WebhookSender sender,
        IOptions<WebhookPublisherOptions> options,
        TimeProvider timeProvider,
        WebhookPublisherTelemetry telemetry,
        DeliverySignal signal,
        IEnumerable<IWebhookDeliveryObserver> observers,
        ILoggerFactory? loggerFactory = null)
    {
        _store = store;
        _subscriptions = subscriptions;
        _sender = sender;
        _options = options.Value;
        _time = timeProvider;
        _signal = signal;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Ordinavo.Webhooks.Publishing.DeliveryEngine");
        _scheduler = new DeliveryScheduler(_options, timeProvider);
        WorkerId = string.IsNullOrWhiteSpace(_options.WorkerId)
            ? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}"
            : _options.WorkerId;
        // Delivered events have a category of their own, easy to turn up or down apart from the engine's other lines.
        var deliveries = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Ordinavo.Webhooks.Publishing.Deliveries");
        _finisher = new AttemptFinisher(store);
        _outcomes = new AttemptOutcomeHandler(store, _finisher, subscriptions, _options, timeProvider, telemetry, [.. observers], _logger, deliveries, WorkerId, () => Random());
        _housekeeping = new OutboxHousekeeping(monitor, _options, timeProvider, telemetry, _logger);
    }

    /// <summary>This worker's lease owner id.</summary>
    public string WorkerId { get; }

    /// <summary>A uniform random source in [0, 1) for the jitter (replaceable in tests).</summary>
    internal Func<double> Random { get; set; } = System.Random.Shared.NextDouble;

    /// <summary>
    /// The time the deferral wake-up is armed for (<see cref="DateTimeOffset.MaxValue"/>: not armed). The wake-up is
    /// armed relative to the clock's reading, so a test that moves a fake clock waits until it is armed first; read
    /// under the same lock as the arming, it is never seen half-done.
    /// </summary>
    internal DateTimeOffset DeferralWakeAt
    {
        get
        {
            lock (_deferralGate)
            {
                return _deferralWakeAt;
            }
        }
    }

    /// <summary>The number of attempts running now.</summary>
    internal int InFlight => _scheduler.InFlight;

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled, then waits for the running attempts to end.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();

        // The poll: one timer for the worker's lifetime wakes it every poll interval (waits create no timers).
        using var poll = _time.CreateTimer(static state => ((DeliverySignal)state!).Notify(), _signal, _options.PollInterval, _options.PollInterval);

        // Deliveries the engine pushed back for a moment (an endpoint not yet known to answer, or a slow one) wake the
        // worker when they are due again, so that they never wait for the poll: one more timer, re-armed, never re-made.
        using var deferralWake = _time.CreateTimer(static state => ((WebhookDeliveryEngine)state!).OnDeferralDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _deferralWake = deferralWake;

        // A store that hears of deliveries stored elsewhere (another node, a committed host transaction) wakes the
        // worker at once; the poll stays the fallback for a wake-up that is lost.
        using var wakeUps = (_store as IWebhookOutboxWakeSource)?.Subscribe(_signal.Notify);
        Log.WorkerStarted(_logger, WorkerId, _options.MaxConcurrentDeliveries, _options.MaxConcurrentDeliveriesPerEndpoint);
        var housekeeping = _housekeeping.RunAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                PruneEndpointsWhenDue();
                var (_, maybeMore) = await DispatchAsync(Track, stoppingToken).ConfigureAwait(false);
                if (!maybeMore)
                {
                    await _signal.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                Log.StoreFailed(_logger, "lease", ex);
                try
                {
                    await Task.Delay(_options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await StopFlowsAsync(_running.Keys).ConfigureAwait(false);
        await housekeeping.ConfigureAwait(false);
        lock (_deferralGate)
        {
            _deferralWake = null;
            _deferralWakeAt = DateTimeOffset.MaxValue;
            _deferralsDue.Clear();
        }

        Log.WorkerStopped(_logger, WorkerId);
    }

    /// <summary>
    /// Leases and attempts deliveries until nothing is due at the current time and no attempt is running (tests drive
    /// the engine with it, one clock reading at a time). Attempts run exactly as under <see cref="RunAsync"/>: a flow
    /// goes on with its endpoint's next waiting delivery, and this returns only once every flow has ended.
    /// </summary>
    /// <returns>How many deliveries were leased.</returns>
    internal async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var tasks = new List<Task>();
        var total = 0;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (leased, _) = await DispatchAsync(tasks.Add, cancellationToken).ConfigureAwait(false);
                total += leased;
                tasks.RemoveAll(t => t.IsCompleted);
                if (tasks.Count == 0)
                {
                    if (leased == 0)
                    {
                        return total;
                    }

                    continue;
                }

                await Task.WhenAny(tasks).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped like the worker: the flows end, and what waits for a slot goes back to the store.
            await StopFlowsAsync(tasks).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits for the running flows to end (they stop on cancellation), then gives the waiting deliveries back to the store.</summary>
    private async Task StopFlowsAsync(IEnumerable<Task> flows)
    {
        await Task.WhenAll(flows.ToArray()).ConfigureAwait(false);
        await ReleaseAsync(_scheduler.DrainWaiting()).ConfigureAwait(false);
    }

    private void Track(Task task)
    {
        _running.TryAdd(task, true);
        _ = task.ContinueWith(static (t, state) => ((ConcurrentDictionary<Task, bool>)state!).TryRemove(t, out _), _running, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Starts waiting deliveries that can run now, then leases as many due deliveries as the held budget allows and starts,
    /// queues or defers each; returns how many were leased and whether more may be due.
    /// </summary>
    private async Task<(int Leased, bool MaybeMore)> DispatchAsync(Action<Task> started, CancellationToken cancellationToken)
    {
        var starts = new List<DeliveryScheduler.Start>();
        var deferrals = new List<DeliveryScheduler.Deferral>();
        var budget = _scheduler.StartWaiting(starts, deferrals);
        StartAll(starts, started, cancellationToken);

        var leased = 0;
        var probing = false;
        var wanted = Math.Min(_options.LeaseBatchSize, budget);
        if (wanted > 0)
        {
            var now = _time.GetUtcNow();
            var batch = await _store.LeaseDueAsync(WorkerId, now, wanted, _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            leased = batch.Count;
            _scheduler.RecordLease(mayHaveMore: leased == wanted);
            probing = _scheduler.Place(batch, starts, deferrals);
            StartAll(starts, started, cancellationToken);
        }
        else
        {
            // No budget to lease with: whatever is due stays in the store until attempts complete.
            _scheduler.RecordLease(mayHaveMore: true);
        }

        if (deferrals.Count > 0)
        {
            var outcomes = new WebhookAttemptOutcome[deferrals.Count];
            for (var i = 0; i < outcomes.Length; i++)
            {
                outcomes[i] = Release(deferrals[i].Delivery, deferrals[i].Until);
            }

            await _finisher.FinishAllAsync(outcomes).ConfigureAwait(false);
            WakeWhenDue(deferrals);
        }

        return (leased, wanted > 0 && leased == wanted && !probing);
    }

    /// <summary>
    /// Notes when the pushed-back deliveries are due again and arms the deferral wake-up for the earliest (worker only:
    /// under <see cref="RunOnceAsync"/> the test moves the clock and runs the engine again).
    /// </summary>
    private void WakeWhenDue(List<DeliveryScheduler.Deferral> deferrals)
    {
        lock (_deferralGate)
        {
            if (_deferralWake is null)
            {
                return;
            }

            foreach (var deferral in deferrals)
            {
                _deferralsDue.Add(deferral.Until);
            }

            ArmDeferralWakeLocked(_time.GetUtcNow());
        }
    }

    /// <summary>The deferral wake-up fired: forgets the due times that have come and arms it for the next one.</summary>
    private void OnDeferralDue()
    {
        lock (_deferralGate)
        {
            var now = _time.GetUtcNow();
            while (_deferralsDue.Count > 0 && _deferralsDue.Min <= now)
            {
                _deferralsDue.Remove(_deferralsDue.Min);
            }

            // A timer that fired a moment early keeps its due time and fires again for the rest.
            _deferralWakeAt = DateTimeOffset.MaxValue;
            ArmDeferralWakeLocked(now);
        }

        _signal.Notify();
    }

    private void ArmDeferralWakeLocked(DateTimeOffset now)
    {
        if (_deferralWake is not { } timer || _deferralsDue.Count == 0 || _deferralsDue.Min >= _deferralWakeAt)
        {
            return;
        }

        _deferralWakeAt = _deferralsDue.Min;
        var delay = _deferralWakeAt - now;
        timer.Change(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private void StartAll(List<DeliveryScheduler.Start> starts, Action<Task> started, CancellationToken cancellationToken)
    {
        foreach (var start in starts)
        {
            started(Task.Run(() => ProcessAsync(start, cancellationToken), CancellationToken.None));
        }

        starts.Clear();
    }

    /// <summary>Forgets endpoints idle for <see cref="DeliveryScheduler.EndpointMemory"/>, checked at most every <see cref="PruneInterval"/>.</summary>
    private void PruneEndpointsWhenDue()
    {
        var now = _time.GetUtcNow();
        if (now < _nextPrune)
        {
            return;
        }

        _nextPrune = now + PruneInterval;
        _scheduler.Prune();
    }

    /// <summary>
    /// Attempts the started delivery, then goes on with the next delivery the scheduler hands out for the same endpoint
    /// (no hand-off through the thread pool or the worker loop per delivery). The flow ends when the endpoint has nothing
    /// more waiting, did not answer, or the engine stops.
    /// </summary>
    private async Task ProcessAsync(DeliveryScheduler.Start start, CancellationToken cancellationToken)
    {
        while (true)
        {
            var delivery = start.Delivery;
            var answered = false;
            try
            {
                answered = await AttemptAsync(delivery, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping: give the delivery back at once instead of letting its lease run out.
                await ReleaseAsync([delivery]).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.ProcessingFailed(_logger, delivery.Id, ex);
            }

            var (next, wake) = _scheduler.Complete(start, answered, continueFlow: !cancellationToken.IsCancellationRequested);
            if (wake)
            {
                _signal.Notify();
            }

            if (next is not { } following)
            {
                return;
            }

            start = following;
        }
    }

    /// <summary>An outcome without an attempt: the delivery is given back, due at <paramref name="at"/>.</summary>
    private WebhookAttemptOutcome Release(WebhookDeliveryRecord delivery, DateTimeOffset at) =>
        new() { DeliveryId = delivery.Id, LeaseOwner = WorkerId, Resolution = WebhookAttemptResolution.Rescheduled, At = at };

    private async Task ReleaseAsync(List<WebhookDeliveryRecord> deliveries)
    {
        try
        {
            var now = _time.GetUtcNow();
            var outcomes = new WebhookAttemptOutcome[deliveries.Count];
            for (var i = 0; i < outcomes.Length; i++)
            {
                outcomes[i] = Release(deliveries[i], now);
            }

            await _finisher.FinishAllAsync(outcomes).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.StoreFailed(_logger, "release on stop", ex);
        }
    }

    /// <returns>Whether the endpoint answered (any HTTP status).</returns>
    private async Task<bool> AttemptAsync(WebhookDeliveryRecord delivery, CancellationToken cancellationToken)
    {
        WebhookSubscription? subscription;
        try
        {
            subscription = await _subscriptions.GetAsync(delivery.SubscriptionId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.SubscriptionStoreFailed(_logger, delivery.SubscriptionId, delivery.Id, ex);
            await _finisher.FinishAsync(Release(delivery, _time.GetUtcNow() + _options.PollInterval)).ConfigureAwait(false);
            return false;
        }

        if (subscription is null || !subscription.IsEnabled)
        {
            var reason = subscription is null ? WebhookDeadLetterReason.SubscriptionNotFound : WebhookDeadLetterReason.SubscriptionDisabled;
            await _outcomes.DeadLetterAsync(delivery, reason, attempt: null, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var result = await _sender.SendAsync(subscription, delivery.Id, delivery.EventId, delivery.EventType, delivery.Body, delivery.AttemptCount + 1, cancellationToken).ConfigureAwait(false);
        return await _outcomes.HandleAsync(delivery, subscription, result, cancellationToken).ConfigureAwait(false);
    }

}
