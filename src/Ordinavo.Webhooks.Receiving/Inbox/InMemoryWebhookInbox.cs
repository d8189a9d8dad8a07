using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>
/// An <see cref="IWebhookInbox"/> in process memory, bounded in size (<see cref="InMemoryWebhookInboxOptions.MaxEntries"/>)
/// and time (<see cref="InMemoryWebhookInboxOptions.Retention"/>). It deduplicates within one process and is lost on
/// restart: for several instances or durable deduplication implement <see cref="IWebhookInbox"/> on your database.
/// </summary>
public sealed class InMemoryWebhookInbox : IWebhookInbox
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Queue<(string EventId, long Token, DateTimeOffset HandledAt)> _handledOrder = new();
    private readonly TimeProvider _timeProvider;
    private readonly int _maxEntries;
    private readonly TimeSpan _retention;
    private long _nextToken;

    /// <summary>Creates an inbox with the given bounds and clock.</summary>
    /// <param name="options">The bounds; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for leases and retention; <see langword="null"/> for the system clock.</param>
    public InMemoryWebhookInbox(InMemoryWebhookInboxOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new InMemoryWebhookInboxOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxEntries, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Retention, TimeSpan.Zero, nameof(options));
        _maxEntries = options.MaxEntries;
        _retention = options.Retention;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How many event ids (handled or leased) the inbox holds now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<WebhookInboxBeginResult> TryBeginAsync(string eventId, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();

        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            PurgeExpired(now);
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, eventId, out var known);
            if (known)
            {
                if (entry.Handled)
                {
                    return new(WebhookInboxBeginResult.AlreadyHandled);
                }

                if (entry.ExpiresAt > now)
                {
                    return new(WebhookInboxBeginResult.InProgress);
                }
            }

            var token = ++_nextToken;
            var expiresAt = now + leaseDuration;
            entry = new Entry(token, Handled: false, expiresAt);
            if (!known)
            {
                // After the write: MakeRoom changes the dictionary, and never drops the new live lease.
                MakeRoom(now);
            }

            return new(WebhookInboxBeginResult.Begun(
                new WebhookInboxLease(eventId, token.ToString(CultureInfo.InvariantCulture), expiresAt)));
        }
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(WebhookInboxLease lease, CancellationToken cancellationToken)
    {
        if (!TryGetToken(lease, out var token))
        {
            return ValueTask.CompletedTask;
        }

        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            // A lease that expired may have been dropped or taken over; completing it still records that the work was done.
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, lease.EventId, out var known);
            if (!known || !entry.Handled)
            {
                entry = new Entry(token, Handled: true, now + _retention);
                if (!known)
                {
                    // Before the id joins the eviction queue, so that it is not the one evicted.
                    MakeRoom(now);
                }

                _handledOrder.Enqueue((lease.EventId, token, now));
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ReleaseAsync(WebhookInboxLease lease, CancellationToken cancellationToken)
    {
        if (!TryGetToken(lease, out var token))
        {
            return ValueTask.CompletedTask;
        }

        lock (_gate)
        {
            if (_entries.TryGetValue(lease.EventId, out var entry) && !entry.Handled && entry.Token == token)
            {
                _entries.Remove(lease.EventId);
            }
        }

        return ValueTask.CompletedTask;
    }

    private static bool TryGetToken(WebhookInboxLease lease, out long token)
    {
        token = 0;
        return !string.IsNullOrEmpty(lease.EventId)
            && long.TryParse(lease.Token, NumberStyles.None, CultureInfo.InvariantCulture, out token);
    }

    private void PurgeExpired(DateTimeOffset now)
    {
        while (_handledOrder.TryPeek(out var head) && head.HandledAt + _retention <= now)
        {
            _handledOrder.Dequeue();
            RemoveHandled(head.EventId, head.Token);
        }
    }

    /// <summary>Brings the count back to the bound after an addition: the oldest handled ids first, then expired leases.</summary>
    private void MakeRoom(DateTimeOffset now)
    {
        while (_entries.Count > _maxEntries && _handledOrder.TryDequeue(out var oldest))
        {
            RemoveHandled(oldest.EventId, oldest.Token);
        }

        if (_entries.Count <= _maxEntries)
        {
            return;
        }

        // Only leases left: drop the expired ones (their requests crashed or gave up).
        List<string>? expired = null;
        foreach (var pair in _entries)
        {
            if (!pair.Value.Handled && pair.Value.ExpiresAt <= now)
            {
                (expired ??= []).Add(pair.Key);
            }
        }

        if (expired is not null)
        {
            foreach (var key in expired)
            {
                _entries.Remove(key);
            }
        }

        // Still full of live leases: a live lease is never dropped; the bound is exceeded until they end.
    }

    private void RemoveHandled(string eventId, long token)
    {
        // One lookup in the common case (the id is still the handled entry the queue item was made for).
        if (_entries.Remove(eventId, out var entry) && !(entry.Handled && entry.Token == token))
        {
            _entries[eventId] = entry; // a newer entry under the same id: keep it
        }
    }

    private readonly record struct Entry(long Token, bool Handled, DateTimeOffset ExpiresAt);
}
