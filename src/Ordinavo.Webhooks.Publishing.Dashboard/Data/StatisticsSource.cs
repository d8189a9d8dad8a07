using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>
/// Reads the overview's numbers of a tenant's subscriptions for the last 24 hours in one bounded query of the store
/// (<see cref="IWebhookDeliveryMonitor.GetStatisticsAsync"/>): its cost does not grow with the deliveries stored.
/// </summary>
internal static class StatisticsSource
{
    /// <param name="request">The request (its tenant).</param>
    /// <param name="subscriptionIds">Subscriptions of the caller's tenant only (the stored health is kept per subscription id).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public static async Task<IReadOnlyDictionary<string, SubscriptionStats>> ReadAsync(DashboardRequest request, IReadOnlyCollection<string> subscriptionIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, SubscriptionStats>(StringComparer.Ordinal);
        if (subscriptionIds.Count == 0)
        {
            return result;
        }

        var now = request.Service<TimeProvider>().GetUtcNow();
        // Whole hours, so that each bar of the chart is one clock hour.
        var end = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero).AddHours(1);
        var query = new WebhookDeliveryStatisticsQuery
        {
            TenantId = request.Tenant,
            SubscriptionIds = subscriptionIds,
            From = end.AddHours(-24),
            Before = end,
            Now = now,
        };
        var statistics = await request.Service<IWebhookDeliveryMonitor>().GetStatisticsAsync(query, cancellationToken).ConfigureAwait(false);
        foreach (var s in statistics.Subscriptions)
        {
            result[s.SubscriptionId] = new SubscriptionStats(
                s.Pending,
                s.Due,
                s.Delivered,
                s.Failed,
                s.DeadLettered,
                [.. s.Buckets.Select(b => new SubscriptionStats.Hour(b.Start, b.Delivered, b.Failed, b.DeadLettered))],
                s.Health?.LastSuccessAt,
                s.Health?.FailingSince,
                statistics.IsTruncated);
        }

        return result;
    }
}
