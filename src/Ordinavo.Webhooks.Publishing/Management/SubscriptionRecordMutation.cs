using System;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Read, change, write with optimistic concurrency: the one way a managed subscription's record changes. With an
/// expected version a concurrent change is a <see cref="WebhookPublishingErrorReason.SubscriptionConflict"/>; without
/// one the change is applied again on the newer record (a few times) so nothing is overwritten silently.
/// </summary>
internal static class SubscriptionRecordMutation
{
    private const int MaxRetries = 5;

    /// <summary>What a mutation saw and wrote.</summary>
    public readonly record struct Outcome(WebhookSubscriptionRecord Record, SubscriptionDocument Document);

    /// <summary>
    /// Applies <c>mutate</c> (which changes the document and returns <see langword="false"/> when there is nothing to
    /// change: then nothing is written) to the subscription of <c>tenantId</c> (any tenant for <see langword="null"/>).
    /// </summary>
    /// <returns>The record after the change, or <see langword="null"/> when it does not exist for <paramref name="tenantId"/>.</returns>
    public static async Task<Outcome?> MutateAsync(
        IWebhookSubscriptionRecordStore records,
        StoredWebhookSubscriptionStore cache,
        string? tenantId,
        string subscriptionId,
        long? expectedVersion,
        DateTimeOffset now,
        Func<SubscriptionDocument, bool> mutate,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var record = await records.GetAsync(subscriptionId, cancellationToken).ConfigureAwait(false);
            if (record is null || (tenantId is not null && !string.Equals(record.TenantId, tenantId, StringComparison.Ordinal)))
            {
                return null;
            }

            if (expectedVersion is { } expected && expected != record.Version)
            {
                throw Conflict(subscriptionId, expected, record.Version);
            }

            var document = SubscriptionRecordMapper.ReadDocument(record);
            DropExpiredSecrets(document, now);
            if (!mutate(document))
            {
                return new Outcome(record, document);
            }

            var updated = new WebhookSubscriptionRecord
            {
                Id = record.Id,
                TenantId = record.TenantId,
                Version = record.Version + 1,
                CreatedAt = record.CreatedAt,
                UpdatedAt = now,
                Document = SubscriptionRecordMapper.WriteDocument(document),
            };
            if (await records.TryReplaceAsync(updated, record.Version, cancellationToken).ConfigureAwait(false))
            {
                cache.Invalidate(record.TenantId);
                return new Outcome(updated, document);
            }

            if (expectedVersion is not null)
            {
                var current = await records.GetAsync(subscriptionId, cancellationToken).ConfigureAwait(false);
                if (current is null)
                {
                    return null;
                }

                throw Conflict(subscriptionId, expectedVersion.Value, current.Version);
            }

            if (attempt == MaxRetries)
            {
                throw new WebhookPublishingException(WebhookPublishingErrorReason.SubscriptionConflict,
                    $"Subscription '{subscriptionId}' kept changing while it was being updated; try again.");
            }
        }
    }

    public static async Task<bool> DisableAsync(
        IWebhookSubscriptionRecordStore records,
        StoredWebhookSubscriptionStore cache,
        string subscriptionId,
        WebhookSubscriptionDisabledReason reason,
        DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var changed = false;
        await MutateAsync(records, cache, tenantId: null, subscriptionId, expectedVersion: null, at, document =>
        {
            changed = document.Enabled;
            if (changed)
            {
                document.Enabled = false;
                document.DisabledReason = reason;
                document.DisabledAt = at;
                document.StateNote = null;
                document.StateChangedAt = at;
            }

            return changed;
        }, cancellationToken).ConfigureAwait(false);
        return changed;
    }

    /// <summary>Secrets whose grace period ended leave the document with the next write.</summary>
    private static void DropExpiredSecrets(SubscriptionDocument document, DateTimeOffset now) =>
        document.Secrets.RemoveAll(s => s.ExpiresAt is { } expires && expires <= now);

    /// <summary>The error for a version that is no longer current (also used by the manager's delete).</summary>
    public static WebhookPublishingException Conflict(string subscriptionId, long expected, long current) =>
        new(WebhookPublishingErrorReason.SubscriptionConflict,
            $"Subscription '{subscriptionId}' is at version {current}, not {expected}: it changed since it was read. Read it again and repeat the change.");
}
