using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>
/// One page of the deliveries table, read through the query seam with keyset paging. The seam has no event type
/// criterion, so an event type filter is applied to the rows read, reading at most <see cref="MaxScanned"/> rows per
/// page: a page may then show fewer rows than asked, with the link to continue after the last row read.
/// </summary>
internal static class DeliveryTable
{
    public const int MaxScanned = 2000;
    private const int ScanPageSize = 500;

    public static async Task<Result> ReadAsync(IWebhookDeliveryMonitor monitor, DeliveryFilter filter, string tenant, int pageSize, CancellationToken cancellationToken)
    {
        if (filter.EventType is null)
        {
            var page = await monitor.QueryDeliveriesAsync(filter.ToQuery(tenant, pageSize), cancellationToken).ConfigureAwait(false);
            return new Result(page.Items, page.NextAfter, ScanStopped: false);
        }

        var items = new List<WebhookDeliveryRecord>(pageSize);
        var query = filter.ToQuery(tenant, ScanPageSize);
        var scanned = 0;
        while (true)
        {
            var page = await monitor.QueryDeliveriesAsync(query, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < page.Items.Count; i++)
            {
                var record = page.Items[i];
                scanned++;
                if (Matches(record.EventType, filter.EventType))
                {
                    items.Add(record);
                    if (items.Count == pageSize)
                    {
                        var more = i < page.Items.Count - 1 || page.NextAfter is not null;
                        return new Result(items, more ? record.Id : null, ScanStopped: false);
                    }
                }

                if (scanned == MaxScanned)
                {
                    var more = i < page.Items.Count - 1 || page.NextAfter is not null;
                    return new Result(items, more ? record.Id : null, ScanStopped: more);
                }
            }

            if (page.NextAfter is null)
            {
                return new Result(items, null, ScanStopped: false);
            }

            query = query with { After = page.NextAfter };
        }
    }

    /// <summary>An event type (<c>visit_report.approved</c>) or a category (<c>visit_report.*</c>).</summary>
    public static bool Matches(string eventType, string filter) =>
        filter.EndsWith(".*", StringComparison.Ordinal)
            ? eventType.StartsWith(filter[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(eventType, filter, StringComparison.OrdinalIgnoreCase);

    /// <param name="Items">The rows of the page.</param>
    /// <param name="NextAfter">Where the next page starts, or <see langword="null"/> on the last page.</param>
    /// <param name="ScanStopped">Whether the event type filter stopped reading before the page was full.</param>
    public sealed record Result(IReadOnlyList<WebhookDeliveryRecord> Items, string? NextAfter, bool ScanStopped);
}
