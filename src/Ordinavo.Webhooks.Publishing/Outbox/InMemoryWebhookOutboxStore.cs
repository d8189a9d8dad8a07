using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// An outbox kept in process memory: fast, for tests, samples and hosts that accept losing pending deliveries when the
/// process stops. Thread-safe. Use a durable store (SQLite, PostgreSQL) in production.
/// </summary>
public sealed class InMemoryWebhookOutboxStore : IWebhookOutboxStore, IWebhookDeliveryMonitor
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _deliveries = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, Entry> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<WebhookDeliveryAttempt>> _attempts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WebhookSubscriptionHealth> _health = new(StringComparer.Ordinal);
    private readonly SortedSet<(DateTimeOffset At, string Id)> _ready = new(TimeThenId.Instance);
    private readonly SortedSet<(DateTimeOffset At, string Id)> _leases = new(TimeThenId.Instance);

    /// <inheritdoc />
    public Task<bool> EnqueueAsync(WebhookPreparedEvent preparedEvent, CancellationToken cancellationToken)
    {
        WebhookOutboxStoreSupport.ThrowIfInvalidEvent(preparedEvent);
        cancellationToken.ThrowIfCancellationRequested();
        var entries = preparedEvent.Deliveries.Select(d => new Entry(d)).ToList();
        lock (_gate)
        {
            if (_events.ContainsKey(preparedEvent.EventId))
            {
                return Task.FromResult(false);
            }

            foreach (var entry in entries)
            {
                if (_deliveries.ContainsKey(entry.Id))
                {
                    throw new InvalidOperationException($"A delivery with id {entry.Id} is already stored.");
                }
            }

            _events[preparedEvent.EventId] = preparedEvent.CreatedAt;
            foreach (var entry in entries)
            {
                _deliveries[entry.Id] = entry;
                _byId[entry.Id] = entry;
                Index(entry);
            }
        }

        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookDeliveryRecord>> LeaseDueAsync(string owner, DateTimeOffset now, int batchSize, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        WebhookOutboxStoreSupport.ThrowIfInvalidLease(owner, batchSize, leaseDuration);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var candidates = new List<Entry>();
            foreach (var (at, id) in _ready)
            {
                if (at > now || candidates.Count >= batchSize)
                {
                    break;
                }

                candidates.Add(_deliveries[id]);
            }

            var fromReady = candidates.Count;
            if (_leases.Count > 0 && _leases.Min.At <= now)
            {
                foreach (var (expires, id) in _leases)
                {
                    if (expires > now)
                    {
                        break;
                    }

                    var expired = _deliveries[id];
                    if (expired.NextAttemptAt <= now)
                    {
                        candidates.Add(expired);
                    }
                }
            }

            var leased = candidates.Count == fromReady
                ? candidates
                : candidates
                    .OrderBy(e => e.NextAttemptAt)
                    .ThenBy(e => e.Id, StringComparer.Ordinal)
                    .Take(batchSize)
                    .ToList();
            var result = new List<WebhookDeliveryRecord>(leased.Count);
            foreach (var entry in leased)
            {
                Unindex(entry);
                entry.LeaseOwner = owner;
                entry.LeaseExpiresAt = now + leaseDuration;
                Index(entry);
                result.Add(entry.ToRecord());
            }

            return Task.FromResult<IReadOnlyList<WebhookDeliveryRecord>>(result);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<bool>> FinishAttemptsAsync(IReadOnlyList<WebhookAttemptOutcome> outcomes, CancellationToken cancellationToken)
    {
        WebhookOutboxStoreSupport.ThrowIfInvalidOutcomes(outcomes);
        cancellationToken.ThrowIfCancellationRequested();
        var applied = new bool[outcomes.Count];
        lock (_gate)
        {
            for (var i = 0; i < applied.Length; i++)
            {
                var outcome = outcomes[i];
                if (!_deliveries.TryGetValue(outcome.DeliveryId, out var entry))
                {
                    continue;
                }

                if (outcome.Attempt is { } attempt)
                {
                    RecordAttempt(entry, attempt);
                }

                if (entry.State != WebhookDeliveryState.Pending || !string.Equals(entry.LeaseOwner, outcome.LeaseOwner, StringComparison.Ordinal))
                {
                    continue;
                }

                Unindex(entry);
                switch (outcome.Resolution)
                {
                    case WebhookAttemptResolution.Succeeded:
                        entry.State = WebhookDeliveryState.Succeeded;
                        entry.CompletedAt = outcome.At;
                        break;
                    case WebhookAttemptResolution.DeadLettered:
                        entry.State = WebhookDeliveryState.DeadLettered;
                        entry.CompletedAt = outcome.At;
                        entry.DeadLetterReason = outcome.DeadLetterReason ?? WebhookDeadLetterReason.RetriesExhausted;
                        break;
                    default:
                        entry.NextAttemptAt = outcome.At;
                        break;
                }

                entry.LeaseOwner = null;
                entry.LeaseExpiresAt = null;
                Index(entry);
                applied[i] = true;
            }
        }

        return Task.FromResult<IReadOnlyList<bool>>(applied);
    }

    private void RecordAttempt(Entry entry, WebhookDeliveryAttempt attempt)
    {
        if (!_attempts.TryGetValue(entry.Id, out var list))
        {
            list = [];
            _attempts[entry.Id] = list;
        }

        list.Add(attempt);
        entry.AttemptCount = Math.Max(entry.AttemptCount, attempt.AttemptNumber);
        entry.LastAttemptAt = attempt.StartedAt;
        entry.LastStatusCode = attempt.StatusCode;
        entry.LastErrorKind = attempt.ErrorKind;
    }

    /// <inheritdoc />
    public Task<WebhookDeliveryRecord?> GetDeliveryAsync(string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_deliveries.TryGetValue(deliveryId, out var entry) ? entry.ToRecord() : null);
        }
    }

    /// <inheritdoc />
    public Task<WebhookDeliveryPage> QueryDeliveriesAsync(WebhookDeliveryQuery query, CancellationToken cancellationToken)
    {
        WebhookOutboxStoreSupport.ThrowIfInvalidQuery(query);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IEnumerable<Entry> items = _byId.Values;
            if (query.After is { } after)
            {
                items = items.Where(e => string.CompareOrdinal(e.Id, after) > 0);
            }

            items = items.Where(e =>
                (query.EventId is null || e.EventId == query.EventId) &&
                (query.SubscriptionId is null || e.SubscriptionId == query.SubscriptionId) &&
                (query.TenantId is null || e.TenantId == query.TenantId) &&
                (query.State is null || e.State == query.State) &&
                (query.CreatedFrom is null || e.CreatedAt >= query.CreatedFrom) &&
                (query.CreatedBefore is null || e.CreatedAt < query.CreatedBefore));
            var page = items.Take(query.Limit + 1).Select(e => e.ToRecord()).ToList();
            string? next = null;
            if (page.Count > query.Limit)
            {
                page.RemoveAt(page.Count - 1);
                next = page[^1].Id;
            }

            return Task.FromResult(new WebhookDeliveryPage(page, next));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookDeliveryAttempt>> GetAttemptsAsync(string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<WebhookDeliveryAttempt> result = _attempts.TryGetValue(deliveryId, out var list)
                ? list.OrderBy(a => a.StartedAt).ThenBy(a => a.AttemptNumber).ToList()
                : [];
            return Task.FromResult(result);
        }
    }

    /// <inheritdoc />
    public Task<bool> RequeueAsync(string deliveryId, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_deliveries.TryGetValue(deliveryId, out var entry) || IsLeased(entry, nextAttemptAt))
            {
                return Task.FromResult(false);
            }

            Requeue(entry, nextAttemptAt);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<int> RequeueDeadLettersAsync(string subscriptionId, DateTimeOffset createdFrom, DateTimeOffset createdBefore, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var count = 0;
            foreach (var entry in _deliveries.Values)
            {
                if (entry.State == WebhookDeliveryState.DeadLettered && entry.SubscriptionId == subscriptionId &&
                    entry.CreatedAt >= createdFrom && entry.CreatedAt < createdBefore)
                {
                    Requeue(entry, nextAttemptAt);
                    count++;
                }
            }

            return Task.FromResult(count);
        }
    }

    /// <inheritdoc />
    public Task<WebhookDeliveryStatistics> GetStatisticsAsync(WebhookDeliveryStatisticsQuery query, CancellationToken cancellationToken)
    {
        var builder = new WebhookDeliveryStatisticsBuilder(query);
        cancellationToken.ThrowIfCancellationRequested();
        var limit = query.MaxCountedDeliveries;
        var requested = query.SubscriptionIds is { } ids ? new HashSet<string>(ids, StringComparer.Ordinal) : null;
        lock (_gate)
        {
            // The same rows a durable store reads: up to the limit of pending deliveries, and up to the limit of
            // completed ones in the window, newest first.
            var pending = 0;
            var completed = new List<Entry>();
            foreach (var entry in _deliveries.Values)
            {
                if (entry.TenantId != query.TenantId ||
                    (requested is not null && !requested.Contains(entry.SubscriptionId)))
                {
                    continue;
                }

                if (entry.State == WebhookDeliveryState.Pending)
                {
                    if (pending == limit)
                    {
                        builder.MarkTruncated();
                        continue;
                    }

                    pending++;
                    builder.AddPending(entry.SubscriptionId, 1, IsDue(entry, query.Now) ? 1 : 0);
                    if (entry.LastErrorKind != WebhookDeliveryErrorKind.None && entry.LastAttemptAt is { } attemptAt)
                    {
                        builder.AddFailed(entry.SubscriptionId, builder.BucketOf(attemptAt), 1);
                    }
                }
                else if (entry.CompletedAt is { } at && at >= query.From && at < query.Before)
                {
                    completed.Add(entry);
                }
            }

            if (completed.Count > limit)
            {
                builder.MarkTruncated();
            }

            foreach (var entry in completed.OrderByDescending(e => e.CompletedAt).Take(limit))
            {
                var bucket = builder.BucketOf(entry.CompletedAt!.Value);
                if (entry.State == WebhookDeliveryState.Succeeded)
                {
                    builder.AddDelivered(entry.SubscriptionId, bucket, 1);
                }
                else
                {
                    builder.AddDeadLettered(entry.SubscriptionId, bucket, 1);
                }
            }

            foreach (var id in builder.SubscriptionIds)
            {
                if (_health.TryGetValue(id, out var health))
                {
                    builder.SetHealth(health);
                }
            }
        }

        return Task.FromResult(builder.Build());
    }

    /// <inheritdoc />
    public Task<int> PurgeAsync(DateTimeOffset completedBefore, bool includeDeadLetters, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var doomed = _deliveries.Values
                .Where(e => e.CompletedAt < completedBefore &&
                            (e.State == WebhookDeliveryState.Succeeded ||
                             (includeDeadLetters && e.State == WebhookDeliveryState.DeadLettered)))
                .ToList();
            foreach (var entry in doomed)
            {
                Unindex(entry);
                _deliveries.Remove(entry.Id);
                _byId.Remove(entry.Id);
                _attempts.Remove(entry.Id);
            }

            var liveEvents = _deliveries.Values.Select(e => e.EventId).ToHashSet(StringComparer.Ordinal);
            foreach (var (eventId, createdAt) in _events.ToList())
            {
                if (createdAt < completedBefore && !liveEvents.Contains(eventId))
                {
                    _events.Remove(eventId);
                }
            }

            return Task.FromResult(doomed.Count);
        }
    }

    /// <inheritdoc />
    public Task<WebhookQueueDepth> GetQueueDepthAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            long pending = 0, due = 0;
            foreach (var entry in _deliveries.Values)
            {
                if (entry.State == WebhookDeliveryState.Pending)
                {
                    pending++;
                    if (IsDue(entry, now))
                    {
                        due++;
                    }
                }
            }

            return Task.FromResult(new WebhookQueueDepth(pending, due));
        }
    }

    /// <inheritdoc />
    public Task<WebhookSubscriptionHealth> RecordSubscriptionOutcomeAsync(string subscriptionId, bool succeeded, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var current = _health.TryGetValue(subscriptionId, out var h) ? h : new WebhookSubscriptionHealth(subscriptionId, null, null);
            var updated = succeeded
                ? current with { LastSuccessAt = at, FailingSince = null }
                : current with { FailingSince = current.FailingSince ?? at };
            _health[subscriptionId] = updated;
            return Task.FromResult(updated);
        }
    }

    private static bool IsDue(Entry entry, DateTimeOffset now) =>
        entry.State == WebhookDeliveryState.Pending && entry.NextAttemptAt <= now && !IsLeased(entry, now);

    private static bool IsLeased(Entry entry, DateTimeOffset now) =>
        entry.LeaseOwner is not null && entry.LeaseExpiresAt > now;

    private void Requeue(Entry entry, DateTimeOffset nextAttemptAt)
    {
        Unindex(entry);
        entry.State = WebhookDeliveryState.Pending;
        entry.NextAttemptAt = nextAttemptAt;
        entry.AttemptCount = 0;
        entry.CompletedAt = null;
        entry.DeadLetterReason = null;
        entry.LeaseOwner = null;
        entry.LeaseExpiresAt = null;
        Index(entry);
    }

    private void Index(Entry entry)
    {
        if (entry.State != WebhookDeliveryState.Pending)
        {
            return;
        }

        if (entry.LeaseOwner is not null && entry.LeaseExpiresAt is { } expires)
        {
            _leases.Add((expires, entry.Id));
        }
        else
        {
            _ready.Add((entry.NextAttemptAt, entry.Id));
        }
    }

    private void Unindex(Entry entry)
    {
        if (entry.LeaseExpiresAt is { } expires)
        {
            _leases.Remove((expires, entry.Id));
        }

        _ready.Remove((entry.NextAttemptAt, entry.Id));
    }

    private sealed class TimeThenId : IComparer<(DateTimeOffset At, string Id)>
    {
        public static TimeThenId Instance { get; } = new();

        public int Compare((DateTimeOffset At, string Id) x, (DateTimeOffset At, string Id) y)
        {
            var byTime = x.At.UtcTicks.CompareTo(y.At.UtcTicks);
            return byTime != 0 ? byTime : string.CompareOrdinal(x.Id, y.Id);
        }
    }

    private sealed class Entry(WebhookDeliveryRecord record)
    {
        private readonly WebhookDeliveryRecord _original = record;
        private readonly byte[] _body = record.Body.ToArray();

        public string Id { get; } = record.Id;
        public string EventId { get; } = record.EventId;
        public string SubscriptionId { get; } = record.SubscriptionId;
        public string TenantId { get; } = record.TenantId;
        public DateTimeOffset CreatedAt { get; } = record.CreatedAt;
        public WebhookDeliveryState State { get; set; } = record.State;
        public int AttemptCount { get; set; } = record.AttemptCount;
        public DateTimeOffset NextAttemptAt { get; set; } = record.NextAttemptAt;
        public string? LeaseOwner { get; set; } = record.LeaseOwner;
        public DateTimeOffset? LeaseExpiresAt { get; set; } = record.LeaseExpiresAt;
        public DateTimeOffset? CompletedAt { get; set; } = record.CompletedAt;
        public DateTimeOffset? LastAttemptAt { get; set; } = record.LastAttemptAt;
        public int? LastStatusCode { get; set; } = record.LastStatusCode;
        public WebhookDeliveryErrorKind LastErrorKind { get; set; } = record.LastErrorKind;
        public WebhookDeadLetterReason? DeadLetterReason { get; set; } = record.DeadLetterReason;

        public WebhookDeliveryRecord ToRecord() => new()
        {
            Id = Id,
            EventId = EventId,
            SubscriptionId = SubscriptionId,
            TenantId = TenantId,
            EventType = _original.EventType,
            EndpointUrl = _original.EndpointUrl,
            Body = _body,
            State = State,
            AttemptCount = AttemptCount,
            NextAttemptAt = NextAttemptAt,
            LeaseOwner = LeaseOwner,
            LeaseExpiresAt = LeaseExpiresAt,
            CreatedAt = CreatedAt,
            CompletedAt = CompletedAt,
            LastAttemptAt = LastAttemptAt,
            LastStatusCode = LastStatusCode,
            LastErrorKind = LastErrorKind,
            DeadLetterReason = DeadLetterReason,
        };
    }
}
