using System;
using System.Collections.Generic;
using System.Linq;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Decides, without any I/O, which leased delivery may start now: the global and per-endpoint slots, the deliveries
/// held waiting for a slot (at most <see cref="HeldFactor"/> times the global limit), endpoints that are slow (all slots
/// taken, no answer for a while) or not yet known to answer, and which deliveries go back to the store for later.
/// Thread-safe: every method takes the scheduler's lock; the engine does the leasing, the sending and the store writes.
/// </summary>
internal sealed class DeliveryScheduler
{
    /// <summary>How many deliveries the engine holds leased (running plus waiting for a slot), as a multiple of the global limit.</summary>
    internal const int HeldFactor = 4;

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
    internal static readonly TimeSpan ProbeDeferral = TimeSpan.FromMilliseconds(50);

    /// <summary>How long the scheduler remembers an idle endpoint's answer history.</summary>
    internal static readonly TimeSpan EndpointMemory = TimeSpan.FromMinutes(5);

    private readonly WebhookPublisherOptions _options;
    private readonly TimeProvider _time;
    private readonly TimeSpan _slowThreshold;
    private readonly object _gate = new();
    private readonly Dictionary<string, Endpoint> _endpoints = new(StringComparer.Ordinal);
    private int _inFlight;
    private int _held;
    private int _roundRobin;
    private bool _storeMayHaveMore = true;

    public DeliveryScheduler(WebhookPublisherOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _slowThreshold = TimeSpan.FromTicks(Math.Min(SlowThreshold.Ticks, options.AttemptTimeout.Ticks / 2));
    }

    /// <summary>The number of attempts running now.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>How many deliveries are held (running or waiting for a slot).</summary>
    public int Held
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    /// <summary>
    /// Starts the waiting deliveries that have a slot now (round robin over the endpoints); a slow endpoint's waiting
    /// deliveries go back to the store. Returns how many more deliveries may be leased.
    /// </summary>
    public int StartWaiting(List<Start> starts, List<Deferral> deferrals)
    {
        lock (_gate)
        {
            if (_held != _inFlight)
            {
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
                        deferrals.AddRange(endpoint.Waiting.Select(d => new Deferral(d, until)));
                        endpoint.Waiting.Clear();
                        continue;
                    }

                    while (endpoint.Waiting.Count > 0 && HasSlotLocked(endpoint))
                    {
                        var delivery = endpoint.Waiting.Dequeue();
                        _held--;
                        if (HasLeaseForAnAttempt(delivery, now))
                        {
                            _held++;
                            starts.Add(BeginLocked(delivery, endpoint));
                        }
                    }
                }
            }

            return (HeldFactor * _options.MaxConcurrentDeliveries) - _held;
        }
    }

    /// <summary>
    /// Places newly leased deliveries: each starts when its endpoint has a slot, waits for one, or goes back to the store
    /// (a slow endpoint, or more than one round for an endpoint that has not answered yet).
    /// </summary>
    /// <returns>Whether an unproven endpoint was probed: the worker then leases no more until an attempt ends.</returns>
    public bool Place(IReadOnlyList<WebhookDeliveryRecord> leased, List<Start> starts, List<Deferral> deferrals)
    {
        var probing = false;
        lock (_gate)
        {
            foreach (var delivery in leased)
            {
                var key = EndpointKey(delivery.EndpointUrl);
                if (!_endpoints.TryGetValue(key, out var endpoint))
                {
                    endpoint = new Endpoint(key) { LastProgress = _time.GetTimestamp() };
                    _endpoints[key] = endpoint;
                }

                if (endpoint.Waiting.Count == 0 && HasSlotLocked(endpoint))
                {
                    _held++;
                    starts.Add(BeginLocked(delivery, endpoint));
                }
                else if (IsSlowLocked(endpoint))
                {
                    deferrals.Add(new Deferral(delivery, DeferUntilLocked(endpoint)));
                }
                else if (!endpoint.HasAnswered && endpoint.Waiting.Count >= _options.MaxConcurrentDeliveriesPerEndpoint)
                {
                    // Not a single answer from this endpoint yet: queue no more than one more round for it, so that an
                    // endpoint that turns out to hang cannot fill the budget before it is recognised as slow. The rest
                    // comes back shortly, and the worker leases no more until an attempt ends.
                    deferrals.Add(new Deferral(delivery, _time.GetUtcNow() + ProbeDeferral));
                    probing = true;
                }
                else
                {
                    endpoint.Waiting.Enqueue(delivery);
                    _held++;
                }
            }
        }

        return probing;
    }

    /// <summary>
    /// An attempt ended: frees its slot and, when <paramref name="continueFlow"/> and the endpoint
    /// <paramref name="answered"/>, hands out the endpoint's next waiting delivery for the same flow (no hand-off through
    /// the thread pool or the worker loop per delivery). An endpoint that did not answer is making no progress: its
    /// flow ends, and the worker decides on its waiting deliveries (starts them, or gives them back once the endpoint
    /// counts as slow).
    /// </summary>
    /// <returns>The next delivery for this flow, if any, and whether the worker should be woken (deliveries of other
    /// endpoints wait for the freed slot, or the held deliveries ran low and more may be due in the store).</returns>
    public (Start? Next, bool WakeWorker) Complete(Start finished, bool answered, bool continueFlow)
    {
        lock (_gate)
        {
            var endpoint = finished.Endpoint;
            endpoint.InFlight--;
            endpoint.Started.Remove(finished.StartedAt);
            _inFlight--;
            _held--;
            if (answered)
            {
                endpoint.LastProgress = _time.GetTimestamp();
                endpoint.HasAnswered = true;
            }

            Start? next = null;
            while (continueFlow && answered && endpoint.Waiting.Count > 0 && HasSlotLocked(endpoint))
            {
                var candidate = endpoint.Waiting.Dequeue();
                _held--;
                if (HasLeaseForAnAttempt(candidate, _time.GetUtcNow()))
                {
                    _held++;
                    next = BeginLocked(candidate, endpoint);
                    break;
                }
            }

            // Held deliveries running low call for a lease only when the store may hold more that is due: the last lease
            // was cut short by the budget (or skipped). After a lease that found fewer due deliveries than it asked
            // for, new ones announce themselves (a publish on this node, a notification from another, the poll); leasing
            // on every completed attempt would ask an empty store once per attempt.
            var lowWater = HeldFactor * _options.MaxConcurrentDeliveries / 2;
            return (next, (_held <= lowWater && _storeMayHaveMore) || (next is null && _held > _inFlight));
        }
    }

    /// <summary>
    /// Records what the worker's last look at the store showed: <paramref name="mayHaveMore"/> when the lease was cut
    /// short by the held budget (it got all it asked for, or was skipped for want of budget), so that more may be due.
    /// </summary>
    public void RecordLease(bool mayHaveMore)
    {
        lock (_gate)
        {
            _storeMayHaveMore = mayHaveMore;
        }
    }

    /// <summary>Takes every waiting delivery out (the worker stops and gives them back to the store).</summary>
    public List<WebhookDeliveryRecord> DrainWaiting()
    {
        lock (_gate)
        {
            List<WebhookDeliveryRecord> waiting = [.. _endpoints.Values.SelectMany(e => e.Waiting)];
            foreach (var endpoint in _endpoints.Values)
            {
                _held -= endpoint.Waiting.Count;
                endpoint.Waiting.Clear();
            }

            return waiting;
        }
    }

    /// <summary>Forgets endpoints idle for <see cref="EndpointMemory"/>.</summary>
    public void Prune()
    {
        lock (_gate)
        {
            foreach (var endpoint in _endpoints.Values.ToArray())
            {
                if (endpoint.InFlight == 0 && endpoint.Waiting.Count == 0 && _time.GetElapsedTime(endpoint.LastProgress) > EndpointMemory)
                {
                    _endpoints.Remove(endpoint.Key);
                }
            }
        }
    }

    /// <summary>The key under which deliveries share an endpoint's slots: scheme, host and port.</summary>
    internal static string EndpointKey(Uri endpoint) =>
        endpoint.IsAbsoluteUri ? endpoint.GetLeftPart(UriPartial.Authority).ToUpperInvariant() : endpoint.OriginalString;

    private bool HasSlotLocked(Endpoint endpoint) =>
        endpoint.InFlight < _options.MaxConcurrentDeliveriesPerEndpoint && _inFlight < _options.MaxConcurrentDeliveries;

    /// <summary>A delivery with too little lease left for a whole attempt is not started: its lease runs out and it is leased again later.</summary>
    private bool HasLeaseForAnAttempt(WebhookDeliveryRecord delivery, DateTimeOffset now) =>
        delivery.LeaseExpiresAt is not { } expires || expires - now >= _options.AttemptTimeout;

    /// <summary>Takes a slot of <paramref name="endpoint"/> (the delivery is already counted as held).</summary>
    private Start BeginLocked(WebhookDeliveryRecord delivery, Endpoint endpoint)
    {
        var startedAt = _time.GetTimestamp();
        endpoint.InFlight++;
        endpoint.Started.Add(startedAt);
        _inFlight++;
        return new Start(delivery, endpoint, startedAt);
    }

    /// <summary>
    /// An endpoint is slow when all its slots are taken and none of its attempts got an answer within the slow threshold
    /// (since the engine started working on it): it is not making progress, so what waits for it goes back to the store.
    /// </summary>
    private bool IsSlowLocked(Endpoint endpoint) =>
        endpoint.InFlight >= _options.MaxConcurrentDeliveriesPerEndpoint &&
        _time.GetElapsedTime(endpoint.LastProgress) >= _slowThreshold;

    /// <summary>
    /// When a slow endpoint's further deliveries are due again: <see cref="WebhookPublisherOptions.BusyEndpointDeferral"/>
    /// from now; for an endpoint that is stuck (no answer for half an attempt timeout), not before its oldest running
    /// attempt has timed out, since no slot is expected to free earlier.
    /// </summary>
    private DateTimeOffset DeferUntilLocked(Endpoint endpoint)
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

    /// <summary>A delivery the engine may attempt now, holding a slot of its endpoint.</summary>
    internal readonly record struct Start(WebhookDeliveryRecord Delivery, Endpoint Endpoint, long StartedAt);

    /// <summary>A leased delivery to give back to the store, due again at <paramref name="Until"/>.</summary>
    internal readonly record struct Deferral(WebhookDeliveryRecord Delivery, DateTimeOffset Until);

    /// <summary>What the scheduler knows of one endpoint (scheme, host and port).</summary>
    internal sealed class Endpoint(string key)
    {
        public string Key { get; } = key;

        public int InFlight { get; set; }

        public long LastProgress { get; set; }

        public bool HasAnswered { get; set; }

        public List<long> Started { get; } = [];

        public Queue<WebhookDeliveryRecord> Waiting { get; } = new();
    }
}
