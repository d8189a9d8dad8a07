using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
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

    // A least-recently-updated list: an update moves the entity's node to the end, so a busy entity costs one node
    // however often it changes, and the entity forgotten first is the list's head.
    private readonly Dictionary<WebhookEntityKey, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _updateOrder = new();
    private readonly int _maxEntries;

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
            return new(_entries.TryGetValue(entity, out var node) ? node.Value.OccurredAt : null);
        }
    }

    /// <inheritdoc />
    public ValueTask RecordHandledAsync(WebhookEntityKey entity, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ref var node = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, entity, out var known);
            if (!known)
            {
                node = _updateOrder.AddLast(new Entry(entity, occurredAt));
                if (_entries.Count > _maxEntries)
                {
                    // node is not used after this: removing from the dictionary may move its storage.
                    var oldest = _updateOrder.First!;
                    _updateOrder.RemoveFirst();
                    _entries.Remove(oldest.Value.Key);
                }

                return ValueTask.CompletedTask;
            }

            if (occurredAt > node!.Value.OccurredAt)
            {
                node.Value = node.Value with { OccurredAt = occurredAt };
            }

            if (node != _updateOrder.Last)
            {
                _updateOrder.Remove(node);
                _updateOrder.AddLast(node);
            }
        }

        return ValueTask.CompletedTask;
    }

    private readonly record struct Entry(WebhookEntityKey Key, DateTimeOffset OccurredAt);
}
