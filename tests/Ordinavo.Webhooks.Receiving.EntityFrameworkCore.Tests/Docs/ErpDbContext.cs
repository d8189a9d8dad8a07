// An example of docs/receiving.md and the package README, compiled here; DocsTests checks that both contain the
// region verbatim and runs the example end to end.
#region docs
using Microsoft.EntityFrameworkCore;

namespace Erp;

public sealed class ErpDbContext(DbContextOptions<ErpDbContext> options) : DbContext(options)
{
    public DbSet<BillingDraft> BillingDrafts => Set<BillingDraft>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // The handled marks and the ordering help live next to your tables; your migrations create them.
        modelBuilder.AddOrdinavoWebhookInbox();
    }
}

public sealed class BillingDraft
{
    public long Id { get; set; }
    public string TenantId { get; set; } = "";
    public long VisitReportId { get; set; }
    public bool IsBillable { get; set; }
    public string EventId { get; set; } = "";
}
#endregion
