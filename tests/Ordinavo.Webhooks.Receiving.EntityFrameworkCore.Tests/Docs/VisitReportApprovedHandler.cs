// An example of docs/receiving.md and the package README, compiled here; DocsTests checks that both contain the
// region verbatim and runs the example end to end.
#region docs
using System.Threading;
using System.Threading.Tasks;
using Ordinavo.Webhooks.Receiving;

namespace Erp;

public sealed class VisitReportApprovedHandler(ErpDbContext db) : IWebhookHandler
{
    public async Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken)
    {
        if (context.IsStale)
        {
            return; // a newer event about this visit report was handled already
        }

        var report = context.Event.VisitReport!;
        db.BillingDrafts.Add(new BillingDraft
        {
            TenantId = context.TenantId,
            VisitReportId = report.Id,
            IsBillable = report.IsBillable,
            EventId = context.EventId,
        });

        // Runs in the inbox's transaction: the draft and the handled mark commit together, or neither does.
        await db.SaveChangesAsync(cancellationToken);
    }
}
#endregion
