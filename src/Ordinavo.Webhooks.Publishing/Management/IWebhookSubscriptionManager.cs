using System;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Manages the subscriptions kept in the publisher's database (registered by <c>UseSqliteSubscriptions()</c>,
/// <c>UsePostgreSqlSubscriptions()</c> or <c>UseSubscriptionRecordStore(...)</c>). Every call is scoped to a tenant:
/// a subscription of another tenant is not found, never returned or changed. Changes take effect on every node within
/// seconds.
/// </summary>
/// <remarks>
/// Failures are <see cref="WebhookPublishingException"/>s: <see cref="WebhookPublishingErrorReason.InvalidSubscription"/>
/// (with <see cref="WebhookPublishingException.Errors"/> naming each field), <see cref="WebhookPublishingErrorReason.SubscriptionNotFound"/>,
/// <see cref="WebhookPublishingErrorReason.SubscriptionConflict"/> (the version given is no longer current) and
/// <see cref="WebhookPublishingErrorReason.SecretUnreadable"/> (this application's Data Protection key ring cannot decrypt it).
/// </remarks>
public interface IWebhookSubscriptionManager
{
    /// <summary>Creates a subscription with a new secret (returned once).</summary>
    Task<WebhookIssuedSecret> CreateAsync(string tenantId, WebhookSubscriptionDefinition definition, CancellationToken cancellationToken);

    /// <summary>One subscription of the tenant, or <see langword="null"/>.</summary>
    Task<WebhookSubscriptionInfo?> GetAsync(string tenantId, string subscriptionId, CancellationToken cancellationToken);

    /// <summary>One page of the tenant's subscriptions.</summary>
    Task<WebhookSubscriptionPage> ListAsync(string tenantId, WebhookSubscriptionListQuery query, CancellationToken cancellationToken);

    /// <summary>Replaces the subscription's definition when its version is still <paramref name="expectedVersion"/>.</summary>
    Task<WebhookSubscriptionInfo> UpdateAsync(string tenantId, string subscriptionId, WebhookSubscriptionDefinition definition, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Disables the subscription (reason <see cref="WebhookSubscriptionDisabledReason.Manual"/>); its pending deliveries
    /// are dead-lettered as they come due. With <paramref name="expectedVersion"/>, only when that version is current.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="note">
    /// The operator's short note on why (<see cref="WebhookSubscriptionInfo.StateNote"/>), or <see langword="null"/>: at most
    /// <see cref="WebhookSubscriptionInfo.MaxStateNoteLength"/> characters, no control characters (otherwise
    /// <see cref="WebhookPublishingErrorReason.InvalidSubscription"/> naming the field <c>note</c>). Never logged or sent.
    /// When the subscription is disabled already, its reason and time stay and a note given replaces the stored one.
    /// </param>
    /// <param name="expectedVersion">The version the change is based on, or <see langword="null"/> for any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<WebhookSubscriptionInfo> DisableAsync(string tenantId, string subscriptionId, string? note, long? expectedVersion, CancellationToken cancellationToken);

    /// <summary>Enables the subscription again. With <paramref name="expectedVersion"/>, only when that version is current.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="note">The operator's short note, or <see langword="null"/> (the same rules as for <see cref="DisableAsync"/>).</param>
    /// <param name="expectedVersion">The version the change is based on, or <see langword="null"/> for any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<WebhookSubscriptionInfo> EnableAsync(string tenantId, string subscriptionId, string? note, long? expectedVersion, CancellationToken cancellationToken);

    /// <summary>Deletes the subscription. With <paramref name="expectedVersion"/>, only when that version is current.</summary>
    Task DeleteAsync(string tenantId, string subscriptionId, long? expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a new secret (returned once); the secrets active before keep signing beside it until
    /// <paramref name="gracePeriod"/> has passed (default <see cref="WebhookSubscriptionManagementOptions.DefaultGracePeriod"/>;
    /// <see cref="TimeSpan.Zero"/> drops them at once).
    /// </summary>
    Task<WebhookIssuedSecret> RotateSecretAsync(string tenantId, string subscriptionId, TimeSpan? gracePeriod, long? expectedVersion, CancellationToken cancellationToken);

    /// <summary>Ends the grace period now: only the newest secret keeps signing.</summary>
    Task<WebhookSubscriptionInfo> ExpireOldSecretsAsync(string tenantId, string subscriptionId, long? expectedVersion, CancellationToken cancellationToken);
}
