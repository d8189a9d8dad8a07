using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Managed subscription records in process memory (tests, samples, single-process hosts that need no durability):
/// the reference behaviour of <see cref="IWebhookSubscriptionRecordStore"/>. Thread-safe.
/// </summary>
public sealed class InMemoryWebhookSubscriptionRecordStore : IWebhookSubscriptionRecordStore
{
    private readonly object _gate = new();
    private readonly SortedDictionary<string, WebhookSubscriptionRecord> _records = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<bool> TryInsertAsync(WebhookSubscriptionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            return Task.FromResult(_records.TryAdd(record.Id, record));
        }
    }

    /// <inheritdoc />
    public Task<WebhookSubscriptionRecord?> GetAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        lock (_gate)
        {
            return Task.FromResult(_records.GetValueOrDefault(subscriptionId));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookSubscriptionRecord>> ListAsync(string tenantId, string? afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_gate)
        {
            IReadOnlyList<WebhookSubscriptionRecord> page = _records.Values
                .Where(r => string.Equals(r.TenantId, tenantId, StringComparison.Ordinal) &&
                            (afterId is null || string.CompareOrdinal(r.Id, afterId) > 0))
                .Take(limit)
                .ToList();
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryReplaceAsync(WebhookSubscriptionRecord record, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (!_records.TryGetValue(record.Id, out var current) || current.Version != expectedVersion)
            {
                return Task.FromResult(false);
            }

            _records[record.Id] = new WebhookSubscriptionRecord
            {
                Id = record.Id,
                TenantId = current.TenantId,
                Version = expectedVersion + 1,
                CreatedAt = current.CreatedAt,
                UpdatedAt = record.UpdatedAt,
                Document = record.Document,
            };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryDeleteAsync(string subscriptionId, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        lock (_gate)
        {
            return Task.FromResult(_records.TryGetValue(subscriptionId, out var current) && current.Version == expectedVersion && _records.Remove(subscriptionId));
        }
    }
}
