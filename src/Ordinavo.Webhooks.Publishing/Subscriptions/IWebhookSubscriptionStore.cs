using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Where the publisher reads subscriptions. The host implements it over its own database; the package ships an
/// in-memory store and one bound from configuration.
/// </summary>
public interface IWebhookSubscriptionStore
{
    /// <summary>Every subscription of a tenant, enabled or not (the publisher filters).</summary>
    Task<IReadOnlyList<WebhookSubscription>> GetByTenantAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>One subscription by id, or <see langword="null"/>.</summary>
    Task<WebhookSubscription?> GetAsync(string subscriptionId, CancellationToken cancellationToken);

    /// <summary>
    /// Disables a subscription (the delivery engine calls it on <c>410 Gone</c> and after failing too long).
    /// </summary>
    /// <returns><see langword="false"/> when it does not exist or was disabled already.</returns>
    Task<bool> DisableAsync(string subscriptionId, WebhookSubscriptionDisabledReason reason, DateTimeOffset at, CancellationToken cancellationToken);
}
