using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>
/// An <see cref="IWebhookOrderingStore"/> in process memory, bounded by
/// <see cref="InMemoryWebhookOrderingStoreOptions.MaxEntries"/> (least recently updated entities are forgotten first).
/// </summary>
public sealed class InMemoryWebhookOrderingStore : IWebhookOrderingStore
{
    private readonly object _gate = new();
    private readonly Dictionary<WebhookEntityKey, Entry> _entries = [];
    private readonly Queue<(WebhookEntityKey Key, long Version)> _updateOrder = new();
    private readonly int _maxEntries;
    private long _version;

    /// <summary>Creates a store with the given bound.</summary>
    /// <param name="options">The bound; <see langword="null"/> for the default.</param>
    public InMemoryWebhookOrderingStore(InMemoryWebhookOrderingStoreOptions? options = null)
    {
        options ??= new InMemoryWebhookOrderingStoreOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxEntries, 1, nameof(options));
        _maxEntries = options.MaxEntries;
    }

    /// <summary>How many entities the store remembers now.</summary>
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
    public ValueTask<DateTimeOffset?> GetLatestHandledAsync(WebhookEntityKey entity, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return new(_entries.TryGetValue(entity, out var entry) ? entry.OccurredAt : null);
        }
    }

    /// <inheritdoc />
    public ValueTask RecordHandledAsync(WebhookEntityKey entity, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var version = ++_version;
            if (_entries.TryGetValue(entity, out var existing) && existing.OccurredAt > occurredAt)
            {
                occurredAt = existing.OccurredAt;
            }

            _entries[entity] = new Entry(occurredAt, version);
            _updateOrder.Enqueue((entity, version));
            Trim();
        }

        return ValueTask.CompletedTask;
    }

    private void Trim()
    {
        // The queue holds one item per update; items whose version is no longer current are skipped on the way.
        while (_entries.Count > _maxEntries && _updateOrder.TryDequeue(out var oldest))
        {
            if (_entries.TryGetValue(oldest.Key, out var entry) && entry.Version == oldest.Version)
            {
                _entries.Remove(oldest.Key);
            }
        }

        if (_updateOrder.Count > (2 * _maxEntries) + 16)
        {
            // Many updates of the same entities: keep only the current item of each (amortised O(1) per update).
            var current = new Queue<(WebhookEntityKey Key, long Version)>(_entries.Count);
            foreach (var item in _updateOrder)
            {
                if (_entries.TryGetValue(item.Key, out var entry) && entry.Version == item.Version)
                {
                    current.Enqueue(item);
                }
            }

            _updateOrder.Clear();
            foreach (var item in current)
            {
                _updateOrder.Enqueue(item);
            }
        }
    }

    private readonly record struct Entry(DateTimeOffset OccurredAt, long Version);
}
