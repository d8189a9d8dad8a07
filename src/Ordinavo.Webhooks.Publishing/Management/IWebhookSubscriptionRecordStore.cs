using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Where managed subscriptions are kept: a small store of <see cref="WebhookSubscriptionRecord"/>s with optimistic
/// concurrency. The SQLite and PostgreSQL store packages implement it in the outbox's database; the
/// <see cref="IWebhookSubscriptionManager"/> writes through it and the delivery engine reads through a cache over it.
/// A store keeps the record's <see cref="WebhookSubscriptionRecord.Document"/> as given (it is opaque to the store).
/// The store conformance suite in <c>Ordinavo.Webhooks.Publishing.Testing</c> checks an implementation.
/// </summary>
public interface IWebhookSubscriptionRecordStore
{
    /// <summary>Adds a record.</summary>
    /// <returns><see langword="false"/> when a record with the same id exists (nothing is changed).</returns>
    Task<bool> TryInsertAsync(WebhookSubscriptionRecord record, CancellationToken cancellationToken);

    /// <summary>One record by id, whatever its tenant, or <see langword="null"/>.</summary>
    Task<WebhookSubscriptionRecord?> GetAsync(string subscriptionId, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> records of one tenant in ascending id order, starting after
    /// <paramref name="afterId"/> (keyset paging; <see langword="null"/> for the first page).
    /// </summary>
    Task<IReadOnlyList<WebhookSubscriptionRecord>> ListAsync(string tenantId, string? afterId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the record with the same id when its stored version is <paramref name="expectedVersion"/>; the new
    /// record carries the next version (<paramref name="expectedVersion"/> + 1).
    /// </summary>
    /// <returns><see langword="false"/> when the record does not exist or its version differs (nothing is changed).</returns>
    Task<bool> TryReplaceAsync(WebhookSubscriptionRecord record, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Deletes a record when its stored version is <paramref name="expectedVersion"/>.</summary>
    /// <returns><see langword="false"/> when the record does not exist or its version differs.</returns>
    Task<bool> TryDeleteAsync(string subscriptionId, long expectedVersion, CancellationToken cancellationToken);
}
