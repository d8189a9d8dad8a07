using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// The publisher's and the delivery engine's <see cref="IWebhookSubscriptionStore"/> over managed subscriptions: reads
/// through a short cache (<see cref="WebhookSubscriptionManagementOptions.CacheDuration"/>, and never past the end of
/// a secret's grace period) that a change made through the manager on this node, or announced by an
/// <see cref="IWebhookSubscriptionChangeSource"/> from another node, drops at once.
/// </summary>
internal sealed class StoredWebhookSubscriptionStore : IWebhookSubscriptionStore, IDisposable
{
    private const int LoadPageSize = 500;

    private readonly IWebhookSubscriptionRecordStore _records;
    private readonly SubscriptionRecordMapper _mapper;
    private readonly TimeProvider _time;
    private readonly TimeSpan _cacheDuration;
    private readonly ConcurrentDictionary<string, CacheEntry<IReadOnlyList<WebhookSubscription>>> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CacheEntry<WebhookSubscription?>> _byId = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _changeRegistrations = [];

    // Raised by every invalidation: a load that started before an invalidation does not put its (possibly stale) result in the cache.
    private long _generation;

    public StoredWebhookSubscriptionStore(
        IWebhookSubscriptionRecordStore records,
        SubscriptionRecordMapper mapper,
        IOptions<WebhookSubscriptionManagementOptions> options,
        IEnumerable<IWebhookSubscriptionChangeSource> changeSources,
        TimeProvider time)
    {
        _records = records;
        _mapper = mapper;
        _time = time;
        _cacheDuration = options.Value.CacheDuration;
        foreach (var source in changeSources)
        {
            _changeRegistrations.Add(source.Subscribe(Invalidate));
        }
    }

    /// <summary>Drops what is cached about <paramref name="tenantId"/>'s subscriptions (all tenants for <see langword="null"/>).</summary>
    public void Invalidate(string? tenantId)
    {
        Interlocked.Increment(ref _generation);
        if (tenantId is null)
        {
            _tenants.Clear();
            _byId.Clear();
            return;
        }

        _tenants.TryRemove(tenantId, out _);
        foreach (var (id, entry) in _byId)
        {
            if (entry.TenantId is null || string.Equals(entry.TenantId, tenantId, StringComparison.Ordinal))
            {
                _byId.TryRemove(id, out _);
            }
        }
    }

    public async Task<IReadOnlyList<WebhookSubscription>> GetByTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        var now = _time.GetUtcNow();
        if (_tenants.TryGetValue(tenantId, out var cached) && cached.ValidUntil > now)
        {
            return cached.Value;
        }

        var generation = Volatile.Read(ref _generation);
        var subscriptions = new List<WebhookSubscription>();
        DateTimeOffset? nextExpiry = null;
        string? after = null;
        while (true)
        {
            var page = await _records.ListAsync(tenantId, after, LoadPageSize, cancellationToken).ConfigureAwait(false);
            foreach (var record in page)
            {
                var document = SubscriptionRecordMapper.ReadDocument(record);
                subscriptions.Add(_mapper.ToSubscription(record, document, now, requireSecrets: false));
                nextExpiry = Earliest(nextExpiry, SubscriptionRecordMapper.NextExpiry(document, now));
            }

            if (page.Count < LoadPageSize)
            {
                break;
            }

            after = page[^1].Id;
        }

        Store(_tenants, tenantId, new CacheEntry<IReadOnlyList<WebhookSubscription>>(subscriptions, tenantId, ValidUntil(now, nextExpiry)), generation);
        return subscriptions;
    }

    public async Task<WebhookSubscription?> GetAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        var now = _time.GetUtcNow();
        if (_byId.TryGetValue(subscriptionId, out var cached) && cached.ValidUntil > now)
        {
            return cached.Value;
        }

        var generation = Volatile.Read(ref _generation);
        var record = await _records.GetAsync(subscriptionId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            Store(_byId, subscriptionId, new CacheEntry<WebhookSubscription?>(null, null, ValidUntil(now, null)), generation);
            return null;
        }

        var document = SubscriptionRecordMapper.ReadDocument(record);
        var subscription = _mapper.ToSubscription(record, document, now, requireSecrets: true);
        Store(_byId, subscriptionId, new CacheEntry<WebhookSubscription?>(subscription, record.TenantId, ValidUntil(now, SubscriptionRecordMapper.NextExpiry(document, now))), generation);
        return subscription;
    }

    public Task<bool> DisableAsync(string subscriptionId, WebhookSubscriptionDisabledReason reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        SubscriptionRecordMutation.DisableAsync(_records, this, subscriptionId, reason, at, cancellationToken);

    public void Dispose()
    {
        foreach (var registration in _changeRegistrations)
        {
            registration.Dispose();
        }
    }

    private void Store<T>(ConcurrentDictionary<string, CacheEntry<T>> cache, string key, CacheEntry<T> entry, long generation)
    {
        if (_cacheDuration <= TimeSpan.Zero)
        {
            return;
        }

        cache[key] = entry;
        if (Volatile.Read(ref _generation) != generation)
        {
            // Invalidated while loading: what was read may be older than the change.
            cache.TryRemove(new KeyValuePair<string, CacheEntry<T>>(key, entry));
        }
    }

    private DateTimeOffset ValidUntil(DateTimeOffset now, DateTimeOffset? nextExpiry) =>
        Earliest(now + _cacheDuration, nextExpiry)!.Value;

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);

    private sealed record CacheEntry<T>(T Value, string? TenantId, DateTimeOffset ValidUntil);
}
