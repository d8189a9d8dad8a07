using System;
using Ordinavo.Webhooks.Receiving.EntityFrameworkCore;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Maps the Ordinavo webhook inbox into your own <see cref="DbContext"/>, so that your migrations create its tables.</summary>
public static class WebhookInboxModelBuilderExtensions
{
    /// <summary>
    /// Maps <see cref="WebhookInboxRecord"/> (the handled marks) and <see cref="WebhookOrderingRecord"/> (the ordering
    /// help) into the model. Call it from <c>OnModelCreating</c>, then add a migration as for any model change.
    /// </summary>
    /// <param name="modelBuilder">Your context's model builder.</param>
    /// <param name="configure">Sets the schema and table names; optional.</param>
    /// <returns>The model builder.</returns>
    public static ModelBuilder AddOrdinavoWebhookInbox(this ModelBuilder modelBuilder, Action<WebhookInboxModelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var options = new WebhookInboxModelOptions();
        configure?.Invoke(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.InboxTable, nameof(options.InboxTable));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OrderingTable, nameof(options.OrderingTable));

        modelBuilder.Entity<WebhookInboxRecord>(inbox =>
        {
            inbox.ToTable(options.InboxTable, options.Schema);
            inbox.HasKey(r => new { r.Receiver, r.EventId });
            inbox.Property(r => r.Receiver).HasColumnName("receiver").HasMaxLength(100).IsRequired();
            inbox.Property(r => r.EventId).HasColumnName("event_id").HasMaxLength(64).IsRequired();
            inbox.Property(r => r.HandledAt).HasColumnName("handled_at");
            inbox.HasIndex(r => r.HandledAt).HasDatabaseName(options.InboxTable + "_handled_at");
        });

        modelBuilder.Entity<WebhookOrderingRecord>(ordering =>
        {
            ordering.ToTable(options.OrderingTable, options.Schema);
            ordering.HasKey(r => new { r.TenantId, r.EntityKind, r.EntityId });
            ordering.Property(r => r.TenantId).HasColumnName("tenant_id").HasMaxLength(100).IsRequired();
            ordering.Property(r => r.EntityKind).HasColumnName("entity_kind");
            ordering.Property(r => r.EntityId).HasColumnName("entity_id");
            ordering.Property(r => r.LatestOccurredAt).HasColumnName("latest_occurred_at");
            ordering.Property(r => r.PreviousOccurredAt).HasColumnName("previous_occurred_at");
        });

        return modelBuilder;
    }
}
