using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>Subscriptions kept in memory (tests, samples, hosts that load subscriptions themselves). Thread-safe.</summary>
public class InMemoryWebhookSubscriptionStore : IWebhookSubscriptionStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, WebhookSubscription> _subscriptions = new(StringComparer.Ordinal);

    /// <summary>Adds or replaces a subscription (validated first).</summary>
    /// <exception cref="WebhookPublishingException">The subscription is invalid.</exception>
    public void Upsert(WebhookSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        subscription.Validate();
        lock (_gate)
        {
            _subscriptions[subscription.Id] = subscription;
        }
    }

    /// <summary>Removes a subscription.</summary>
    /// <returns>Whether it existed.</returns>
    public bool Remove(string subscriptionId)
    {
        lock (_gate)
        {
            return _subscriptions.Remove(subscriptionId);
        }
    }

    /// <summary>Enables a disabled subscription again.</summary>
    /// <returns>Whether it exists and was disabled.</returns>
    public bool Enable(string subscriptionId)
    {
        lock (_gate)
        {
            if (!_subscriptions.TryGetValue(subscriptionId, out var current) || current.IsEnabled)
            {
                return false;
            }

            _subscriptions[subscriptionId] = current.WithState(true, null, null);
            return true;
        }
    }

    /// <summary>Every subscription.</summary>
    public IReadOnlyList<WebhookSubscription> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _subscriptions.Values];
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookSubscription>> GetByTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        lock (_gate)
        {
            IReadOnlyList<WebhookSubscription> result = _subscriptions.Values
                .Where(s => string.Equals(s.TenantId, tenantId, StringComparison.Ordinal))
                .ToList();
            return Task.FromResult(result);
        }
    }

    /// <inheritdoc />
    public Task<WebhookSubscription?> GetAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        lock (_gate)
        {
            return Task.FromResult(_subscriptions.GetValueOrDefault(subscriptionId));
        }
    }

    /// <inheritdoc />
    public Task<bool> DisableAsync(string subscriptionId, WebhookSubscriptionDisabledReason reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        lock (_gate)
        {
            if (!_subscriptions.TryGetValue(subscriptionId, out var current) || !current.IsEnabled)
            {
                return Task.FromResult(false);
            }

            _subscriptions[subscriptionId] = current.WithState(false, reason, at);
            return Task.FromResult(true);
        }
    }
}
