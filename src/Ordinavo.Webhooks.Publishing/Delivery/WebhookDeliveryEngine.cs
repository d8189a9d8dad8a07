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

    /// <summary>How long the engine remembers an idle endpoint's answer history.</summary>
    private static readonly TimeSpan EndpointMemory = TimeSpan.FromMinutes(5);

    /// <summary>How many deliveries the engine holds leased (running plus waiting for a slot), as a multiple of the global limit.</summary>
    private const int HeldFactor = 4;

    /// <summary>
    /// How long an endpoint with every slot taken may go without finishing an attempt before it counts as slow; the
    /// further deliveries of a slow endpoint are pushed back in the store instead of waiting in memory (at most half the
    /// attempt timeout). Long enough that an endpoint answering in a second or so (an ERP across the internet, or a
    /// loaded machine) is never taken for a hanging one.
    /// </summary>
    internal static readonly TimeSpan SlowThreshold = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How far the deliveries beyond the first round for an endpoint that has not answered yet are pushed back: short,
    /// so a fast new endpoint loses next to nothing, while a hanging one cannot fill the engine before it counts as slow.
    /// </summary>
    private static readonly TimeSpan ProbeDeferral = TimeSpan.FromMilliseconds(50);

    private readonly IWebhookOutboxStore _store;
    private readonly IWebhookSubscriptionStore _subscriptions;
    private readonly WebhookSender _sender;
    private readonly WebhookPublisherOptions _options;
    private readonly TimeProvider _time;
    private readonly WebhookPublisherTelemetry _telemetry;
    private readonly DeliverySignal _signal;
    private readonly IWebhookDeliveryObserver[] _observers;
    private readonly ILogger _logger;
    private readonly AttemptOutcomeHandler _outcomes;
    private readonly OutboxHousekeeping _housekeeping;
    private readonly object _gate = new();
    private readonly Dictionary<string, EndpointState> _endpoints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> _running = new();
    private readonly TimeSpan _slowThreshold;
    private int _inFlight;
    private int _held;
    private int _roundRobin;
    private bool _probing;
    private bool _continueFlows;
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    public WebhookDeliveryEngine(
        IWebhookOutboxStore store,
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
        _telemetry = telemetry;
        _signal = signal;
        _observers = [.. observers];
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Ordinavo.Webhooks.Publishing.DeliveryEngine");
        _slowThreshold = TimeSpan.FromTicks(Math.Min(SlowThreshold.Ticks, _options.AttemptTimeout.Ticks / 2));
        WorkerId = string.IsNullOrWhiteSpace(_options.WorkerId)
            ? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}"
            : _options.WorkerId;
        _outcomes = new AttemptOutcomeHandler(store, subscriptions, _options, timeProvider, telemetry, _observers, _logger, WorkerId, () => Random());
        _housekeeping = new OutboxHousekeeping(store, _options, timeProvider, telemetry, _logger);
    }

    /// <summary>This worker's lease owner id.</summary>
    public string WorkerId { get; }

    /// <summary>A uniform random source in [0, 1) for the jitter (replaceable in tests).</summary>
    internal Func<double> Random { get; set; } = System.Random.Shared.NextDouble;

    /// <summary>The number of attempts running now.</summary>
    internal int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled, then waits for the running attempts to end.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        _continueFlows = true;

        // The poll: one timer for the worker's lifetime wakes it every poll interval (waits create no timers).
        using var poll = _time.CreateTimer(static state => ((DeliverySignal)state!).Notify(), _signal, _options.PollInterval, _options.PollInterval);

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

        await Task.WhenAll(_running.Keys.ToArray()).ConfigureAwait(false);
        await housekeeping.ConfigureAwait(false);
        List<WebhookDeliveryRecord> waiting;
        lock (_gate)
        {
            waiting = [.. _endpoints.Values.SelectMany(e => e.Waiting)];
            foreach (var endpoint in _endpoints.Values)
            {
                _held -= endpoint.Waiting.Count;
                endpoint.Waiting.Clear();
            }
        }

        await ReleaseAsync(waiting).ConfigureAwait(false);
        Log.WorkerStopped(_logger, WorkerId);
    }

    /// <summary>
    /// Leases and attempts deliveries until nothing is due at the current time and no attempt is running (tests drive
    /// the engine with it, one clock reading at a time).
    /// </summary>
    /// <returns>How many deliveries were leased.</returns>
    internal async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var tasks = new List<Task>();
        var total = 0;
        while (true)
        {
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

    private void Track(Task task)
    {
        _running.TryAdd(task, true);
        _ = task.ContinueWith(static (t, state) => ((ConcurrentDictionary<Task, bool>)state!).TryRemove(t, out _), _running, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Starts waiting deliveries that can run now, then leases as many due deliveries as the held budget allows and starts,
    /// queues or defers each; returns how many were leased and whether more may be due.
    /// </summary>
    private async Task<(int Leased, bool MaybeMore)> DispatchAsync(Action<Task> started, CancellationToken cancellationToken, bool lease = true)
    {
        var toDefer = new List<(WebhookDeliveryRecord Delivery, DateTimeOffset Until)>();
        int budget;
        lock (_gate)
        {
            StartWaitingLocked(started, toDefer, cancellationToken);
            budget = (HeldFactor * _options.MaxConcurrentDeliveries) - _held;
        }

        var leased = 0;
        var probing = false;
        var wanted = Math.Min(_options.LeaseBatchSize, budget);
        if (lease && wanted > 0)
        {
            var now = _time.GetUtcNow();
            var batch = await _store.LeaseDueAsync(WorkerId, now, wanted, _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            leased = batch.Count;
            lock (_gate)
            {
                _probing = false;
                foreach (var delivery in batch)
                {
                    PlaceLocked(delivery, started, toDefer, cancellationToken);
                }

                probing = _probing;
            }
        }

        foreach (var (delivery, until) in toDefer)
        {
            await _store.RescheduleAsync(delivery.Id, WorkerId, until, cancellationToken).ConfigureAwait(false);
        }

        return (leased, lease && wanted > 0 && leased == wanted && !probing);
    }

    private void PlaceLocked(WebhookDeliveryRecord delivery, Action<Task> started, List<(WebhookDeliveryRecord, DateTimeOffset)> toDefer, CancellationToken cancellationToken)
    {
        var key = EndpointKey(delivery.EndpointUrl);
        if (!_endpoints.TryGetValue(key, out var endpoint))
        {
            endpoint = new EndpointState(key) { LastProgress = _time.GetTimestamp() };
            _endpoints[key] = endpoint;
        }

        if (endpoint.Waiting.Count == 0 && endpoint.InFlight < _options.MaxConcurrentDeliveriesPerEndpoint && _inFlight < _options.MaxConcurrentDeliveries)
        {
            StartLocked(delivery, endpoint, started, cancellationToken);
        }
        else if (IsSlowLocked(endpoint))
        {
            toDefer.Add((delivery, DeferUntilLocked(endpoint)));
        }
        else if (!endpoint.HasAnswered && endpoint.Waiting.Count >= _options.MaxConcurrentDeliveriesPerEndpoint)
        {
            // Not a single answer from this endpoint yet: queue no more than one more round for it, so that an endpoint
            // that turns out to hang cannot fill the engine's budget before it is recognised as slow. The rest comes back
            // shortly, and the worker leases no more until an attempt ends.
            toDefer.Add((delivery, _time.GetUtcNow() + ProbeDeferral));
            _probing = true;
        }
        else
        {
            endpoint.Waiting.Enqueue(delivery);
            _held++;
        }
    }

    private void StartWaitingLocked(Action<Task> started, List<(WebhookDeliveryRecord, DateTimeOffset)> toDefer, CancellationToken cancellationToken)
    {
        if (_held == _inFlight)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var endpoints = _endpoints.Values.ToArray();
        var offset = _roundRobin++ % Math.Max(1, endpoints.Length);
        for (var i = 0; i < endpoints.Length; i++)
        {
            var endpoint = endpoints[(i + offset) % endpoints.Length];
            if (endpoint.Waiting.Count == 0)
            {
                continue;
            }

            if (IsSlowLocked(endpoint))
            {
                _held -= endpoint.Waiting.Count;
                var until = DeferUntilLocked(endpoint);
                toDefer.AddRange(endpoint.Waiting.Select(d => (d, until)));
                endpoint.Waiting.Clear();
                continue;
            }

            while (endpoint.Waiting.Count > 0 && endpoint.InFlight < _options.MaxConcurrentDeliveriesPerEndpoint && _inFlight < _options.MaxConcurrentDeliveries)
            {
                var delivery = endpoint.Waiting.Dequeue();
                _held--;
                if (delivery.LeaseExpiresAt is { } expires && expires - now < _options.AttemptTimeout)
                {
                    // Too little lease left for a whole attempt: let it run out; the delivery is leased again later.
                    continue;
                }

                StartLocked(delivery, endpoint, started, cancellationToken);
            }
        }
    }

    private void StartLocked(WebhookDeliveryRecord delivery, EndpointState endpoint, Action<Task> started, CancellationToken cancellationToken)
    {
        var startedAt = _time.GetTimestamp();
        endpoint.InFlight++;
        endpoint.Started.Add(startedAt);
        _inFlight++;
        _held++;
        started(Task.Run(() => ProcessAsync(delivery, endpoint, startedAt, cancellationToken), CancellationToken.None));
    }

    /// <summary>
    /// An endpoint is slow when all its slots are taken and none of its attempts got an answer within the slow threshold
    /// (since the engine started working on it): it is not making progress, so what waits for it goes back to the store.
    /// </summary>
    private bool IsSlowLocked(EndpointState endpoint) =>
        endpoint.InFlight >= _options.MaxConcurrentDeliveriesPerEndpoint &&
        _time.GetElapsedTime(endpoint.LastProgress) >= _slowThreshold;

    /// <summary>
    /// When a slow endpoint's further deliveries are due again: <see cref="WebhookPublisherOptions.BusyEndpointDeferral"/>
    /// from now; for an endpoint that is stuck (no answer for half an attempt timeout), not before its oldest running
    /// attempt has timed out, since no slot is expected to free earlier.
    /// </summary>
    private DateTimeOffset DeferUntilLocked(EndpointState endpoint)
    {
        var now = _time.GetUtcNow();
        var wait = _options.BusyEndpointDeferral;
        var stuck = _time.GetElapsedTime(endpoint.LastProgress) >= _options.AttemptTimeout / 2;
        if (stuck && endpoint.Started.Count > 0)
        {
            var untilTimeout = _options.AttemptTimeout - _time.GetElapsedTime(endpoint.Started.Min());
            if (untilTimeout > wait)
            {
                wait = untilTimeout;
            }
        }

        return now + wait;
    }

    /// <summary>Forgets endpoints idle for <see cref="EndpointMemory"/>, checked at most every <see cref="PruneInterval"/>.</summary>
    private void PruneEndpointsWhenDue()
    {
        var now = _time.GetUtcNow();
        if (now < _nextPrune)
        {
            return;
        }

        _nextPrune = now + PruneInterval;
        lock (_gate)
        {
            PruneEndpointsLocked();
        }
    }

    private void PruneEndpointsLocked()
    {
        foreach (var endpoint in _endpoints.Values.ToArray())
        {
            if (endpoint.InFlight == 0 && endpoint.Waiting.Count == 0 && _time.GetElapsedTime(endpoint.LastProgress) > EndpointMemory)
            {
                _endpoints.Remove(endpoint.Key);
            }
        }
    }

    /// <summary>
    /// Attempts <paramref name="delivery"/>, then, while this endpoint has deliveries waiting and a slot is free, goes on
    /// with the next one in the same flow (no hand-off through the thread pool or the worker loop per delivery).
    /// </summary>
    private async Task ProcessAsync(WebhookDeliveryRecord delivery, EndpointState endpoint, long startedAt, CancellationToken cancellationToken)
    {
        while (true)
        {
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

            WebhookDeliveryRecord? next = null;
            bool wake;
            lock (_gate)
            {
                endpoint.InFlight--;
                endpoint.Started.Remove(startedAt);
                _inFlight--;
                _held--;
                if (answered)
                {
                    endpoint.LastProgress = _time.GetTimestamp();
                    endpoint.HasAnswered = true;
                }

                // Go on with the next delivery waiting for this endpoint (worker mode only; tests step the engine).
                while (_continueFlows && !cancellationToken.IsCancellationRequested && endpoint.Waiting.Count > 0 &&
                    endpoint.InFlight < _options.MaxConcurrentDeliveriesPerEndpoint && _inFlight < _options.MaxConcurrentDeliveries &&
                    !IsSlowLocked(endpoint))
                {
                    var candidate = endpoint.Waiting.Dequeue();
                    _held--;
                    if (candidate.LeaseExpiresAt is { } expires && expires - _time.GetUtcNow() < _options.AttemptTimeout)
                    {
                        // Too little lease left for a whole attempt: let it run out; the delivery is leased again later.
                        continue;
                    }

                    startedAt = _time.GetTimestamp();
                    endpoint.InFlight++;
                    endpoint.Started.Add(startedAt);
                    _inFlight++;
                    _held++;
                    next = candidate;
                    break;
                }

                // Wake the worker only when it has something to do: deliveries of other endpoints wait for the freed slot,
                // or the held deliveries ran low and more may be due in the store.
                wake = _held <= LowWaterLocked() || (next is null && _held > _inFlight);
            }

            if (wake)
            {
                _signal.Notify();
            }

            if (next is null)
            {
                return;
            }

            delivery = next;
        }
    }

    /// <summary>When no more than this many deliveries are held (running or waiting), the worker leases again.</summary>
    private int LowWaterLocked() => HeldFactor * _options.MaxConcurrentDeliveries / 2;

    private async Task ReleaseAsync(IReadOnlyList<WebhookDeliveryRecord> deliveries)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            foreach (var delivery in deliveries)
            {
                await _store.RescheduleAsync(delivery.Id, WorkerId, _time.GetUtcNow(), cts.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.StoreFailed(_logger, "release on stop", ex);
        }
    }

    private sealed class EndpointState(string key)
    {
        public string Key { get; } = key;

        public int InFlight { get; set; }

        public long LastProgress { get; set; }

        public bool HasAnswered { get; set; }

        public List<long> Started { get; } = [];

        public Queue<WebhookDeliveryRecord> Waiting { get; } = new();
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
            await _store.RescheduleAsync(delivery.Id, WorkerId, _time.GetUtcNow() + _options.PollInterval, cancellationToken).ConfigureAwait(false);
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

    internal static string EndpointKey(Uri endpoint) =>
        endpoint.IsAbsoluteUri ? endpoint.GetLeftPart(UriPartial.Authority).ToUpperInvariant() : endpoint.OriginalString;
}
