using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// What every outbox store does the same way above its storage: the argument checks of the seams' methods and the
/// reading of one page of a delivery query. The in-memory, SQLite and PostgreSQL stores use it; a store for another
/// database can too, so that it refuses the same arguments and pages the same way.
/// </summary>
public static class WebhookOutboxStoreSupport
{
    /// <summary>The largest <see cref="WebhookDeliveryQuery.Limit"/> a store accepts.</summary>
    public const int MaxQueryLimit = 1000;

    /// <summary>
    /// Checks the argument of <see cref="IWebhookOutboxStore.EnqueueAsync"/>: not null, with an event id and a
    /// deliveries list (which may be empty).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="preparedEvent"/> or its deliveries are null.</exception>
    /// <exception cref="ArgumentException">The event id is empty.</exception>
    public static void ThrowIfInvalidEvent(WebhookPreparedEvent preparedEvent)
    {
        ArgumentNullException.ThrowIfNull(preparedEvent);
        ArgumentException.ThrowIfNullOrEmpty(preparedEvent.EventId, nameof(preparedEvent));
        ArgumentNullException.ThrowIfNull(preparedEvent.Deliveries, nameof(preparedEvent));
    }

    /// <summary>
    /// Checks the arguments of <see cref="IWebhookOutboxStore.LeaseDueAsync"/>: an owner, a positive batch size and a
    /// positive lease duration.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="owner"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> or <paramref name="leaseDuration"/> is not positive.</exception>
    public static void ThrowIfInvalidLease(string owner, int batchSize, TimeSpan leaseDuration)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
    }

    /// <summary>
    /// Puts leased deliveries in the order <see cref="IWebhookOutboxStore.LeaseDueAsync"/> returns them: oldest
    /// <see cref="WebhookDeliveryRecord.NextAttemptAt"/> first, then by id (ordinal). For stores whose lease statement
    /// returns the rows in no particular order (an <c>UPDATE ... RETURNING</c>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="leased"/> is null.</exception>
    public static void SortLeased(List<WebhookDeliveryRecord> leased)
    {
        ArgumentNullException.ThrowIfNull(leased);
        leased.Sort(static (a, b) =>
        {
            var byTime = a.NextAttemptAt.CompareTo(b.NextAttemptAt);
            return byTime != 0 ? byTime : string.CompareOrdinal(a.Id, b.Id);
        });
    }

    /// <summary>
    /// Checks the argument of <see cref="IWebhookOutboxStore.FinishAttemptsAsync"/>: not null; every outcome with a
    /// delivery id and a lease owner, an attempt (when there is one) of that delivery, a defined resolution, and each
    /// delivery at most once in the batch (a batch applies one new state per delivery).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="outcomes"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">An outcome is incomplete or inconsistent, or a delivery appears twice.</exception>
    public static void ThrowIfInvalidOutcomes(IReadOnlyList<WebhookAttemptOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0)
        {
            return;
        }

        var seen = new HashSet<string>(outcomes.Count, StringComparer.Ordinal);
        for (var i = 0; i < outcomes.Count; i++)
        {
            var outcome = outcomes[i] ?? throw new ArgumentNullException(nameof(outcomes), $"Outcome {i} is null.");
            if (string.IsNullOrEmpty(outcome.DeliveryId) || string.IsNullOrEmpty(outcome.LeaseOwner))
            {
                throw new ArgumentException($"Outcome {i} has no delivery id or no lease owner.", nameof(outcomes));
            }

            if (outcome.Attempt is { } attempt && !string.Equals(attempt.DeliveryId, outcome.DeliveryId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Outcome {i} carries an attempt of another delivery.", nameof(outcomes));
            }

            if (!Enum.IsDefined(outcome.Resolution))
            {
                throw new ArgumentException($"Outcome {i} has an unknown resolution.", nameof(outcomes));
            }

            if (!seen.Add(outcome.DeliveryId))
            {
                throw new ArgumentException($"Outcome {i} finishes a delivery the batch already finishes; a batch finishes each delivery once.", nameof(outcomes));
            }
        }
    }

    /// <summary>
    /// Checks the argument of <see cref="IWebhookDeliveryMonitor.QueryDeliveriesAsync"/>: not null, with a
    /// <see cref="WebhookDeliveryQuery.Limit"/> of 1 to <see cref="MaxQueryLimit"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The limit is out of range.</exception>
    public static void ThrowIfInvalidQuery(WebhookDeliveryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, MaxQueryLimit, nameof(query));
    }

    /// <summary>
    /// Checks the argument of <see cref="IWebhookDeliveryMonitor.GetStatisticsAsync"/>: not null, a tenant, a window
    /// (<see cref="WebhookDeliveryStatisticsQuery.From"/> before <see cref="WebhookDeliveryStatisticsQuery.Before"/>) of 1 to
    /// <see cref="WebhookDeliveryStatisticsQuery.MaxBuckets"/> whole buckets of a positive size, at most
    /// <see cref="WebhookDeliveryStatisticsQuery.MaxSubscriptionIds"/> non-empty subscription ids, and a
    /// <see cref="WebhookDeliveryStatisticsQuery.MaxCountedDeliveries"/> of 1 to <see cref="WebhookDeliveryStatisticsQuery.MaxMaxCountedDeliveries"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentException">The query is not acceptable; the message names the property.</exception>
    public static void ThrowIfInvalidStatisticsQuery(WebhookDeliveryStatisticsQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrEmpty(query.TenantId))
        {
            throw new ArgumentException("The statistics query needs a TenantId.", nameof(query));
        }

        if (query.BucketSize <= TimeSpan.Zero)
        {
            throw new ArgumentException("The statistics query's BucketSize must be positive.", nameof(query));
        }

        if (query.Before <= query.From)
        {
            throw new ArgumentException("The statistics query's Before must be later than From.", nameof(query));
        }

        var window = (query.Before - query.From).Ticks;
        if (window % query.BucketSize.Ticks != 0 || window / query.BucketSize.Ticks > WebhookDeliveryStatisticsQuery.MaxBuckets)
        {
            throw new ArgumentException(
                $"The statistics query's window (Before - From) must be a whole number of buckets (BucketSize), at most {WebhookDeliveryStatisticsQuery.MaxBuckets}.",
                nameof(query));
        }

        if (query.MaxCountedDeliveries is < 1 or > WebhookDeliveryStatisticsQuery.MaxMaxCountedDeliveries)
        {
            throw new ArgumentException(
                $"The statistics query's MaxCountedDeliveries must be 1 to {WebhookDeliveryStatisticsQuery.MaxMaxCountedDeliveries}.", nameof(query));
        }

        if (query.SubscriptionIds is { } ids)
        {
            if (ids.Count > WebhookDeliveryStatisticsQuery.MaxSubscriptionIds)
            {
                throw new ArgumentException(
                    $"The statistics query's SubscriptionIds may hold at most {WebhookDeliveryStatisticsQuery.MaxSubscriptionIds} ids.", nameof(query));
            }

            foreach (var id in ids)
            {
                if (string.IsNullOrEmpty(id))
                {
                    throw new ArgumentException("The statistics query's SubscriptionIds must not hold a null or empty id.", nameof(query));
                }
            }
        }
    }

    /// <summary>
    /// Reads one page of a delivery query from <paramref name="reader"/>, whose command selected deliveries ordered by id
    /// with a limit of <paramref name="limit"/> + 1: the first <paramref name="limit"/> rows are the page; a further
    /// row means there is a next page, which starts after the last delivery of this one
    /// (<see cref="WebhookDeliveryPage.NextAfter"/>). The further row itself is not read.
    /// </summary>
    /// <param name="reader">The open reader, before its first row.</param>
    /// <param name="limit">The page size (<see cref="WebhookDeliveryQuery.Limit"/>).</param>
    /// <param name="readDelivery">Maps the reader's current row to a delivery.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<WebhookDeliveryPage> ReadDeliveryPageAsync<TReader>(
        TReader reader, int limit, Func<TReader, WebhookDeliveryRecord> readDelivery, CancellationToken cancellationToken)
        where TReader : DbDataReader
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(readDelivery);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var items = new List<WebhookDeliveryRecord>(Math.Min(limit, 256));
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (items.Count == limit)
            {
                return new WebhookDeliveryPage(items, items[^1].Id);
            }

            items.Add(readDelivery(reader));
        }

        return new WebhookDeliveryPage(items, null);
    }
}
