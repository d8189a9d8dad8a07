using Microsoft.EntityFrameworkCore;

namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>An integrator's context: one business table (the handler's effect) and the inbox mapped beside it.</summary>
public sealed class InboxTestContext(DbContextOptions<InboxTestContext> options) : DbContext(options)
{
    public DbSet<Effect> Effects => Set<Effect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // No unique key on EventId: a second effect must be visible, not rejected by the table.
        modelBuilder.Entity<Effect>().ToTable("effects");
        modelBuilder.AddOrdinavoWebhookInbox();
    }
}

/// <summary>A row a handler inserts for an event: its effect.</summary>
public sealed class Effect
{
    public long Id { get; set; }

    public string EventId { get; set; } = "";

    public string Receiver { get; set; } = "";
}

/// <summary>A context whose model has no inbox mapping (the start-up check).</summary>
public sealed class PlainContext(DbContextOptions<PlainContext> options) : DbContext(options)
{
    public DbSet<Effect> Effects => Set<Effect>();
}
