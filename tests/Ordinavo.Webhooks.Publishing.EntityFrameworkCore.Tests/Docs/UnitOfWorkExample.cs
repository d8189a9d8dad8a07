// The example of docs/publishing.md and the package README, compiled here; DocsTests checks that both contain the
// region verbatim.
#region unit-of-work
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Payloads;
using Ordinavo.Webhooks.Publishing.EntityFrameworkCore;

namespace Shop;

public static class ShopServices
{
    public static void AddShop(this IServiceCollection services, IConfiguration configuration)
    {
        // The outbox lives in the DbContext's database: the same SQLite file (or UsePostgreSqlStore on its database).
        services.AddDbContext<ShopDbContext>(options => options.UseSqlite("Data Source=app.db"));
        services.AddOrdinavoWebhookPublisher()
            .UseSqliteStore("app.db")
            .UseSubscriptionsFromConfiguration(configuration.GetSection("Ordinavo:Webhooks:Subscriptions"))
            .AddEntityFrameworkCore();
    }
}

public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options)
{
    public DbSet<Target> Targets => Set<Target>();
}

public sealed class Target
{
    public long Id { get; set; }
    public string TenantId { get; set; } = "";
    public string Title { get; set; } = "";
}

public sealed class TargetImport(ShopDbContext db, IWebhookDbContextPublisher webhooks)
{
    // The call opens one transaction, saves the changes, enqueues the webhook and commits: both or neither.
    public async Task ImportAsync(Target target, CancellationToken ct)
    {
        db.Targets.Add(target);
        await webhooks.SaveChangesAndPublishAsync(db, Imported(target), ct);
    }

    // Your own transaction: every publish is enqueued in it; nothing is delivered unless you commit.
    public async Task ImportAllAsync(IReadOnlyList<Target> targets, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Targets.AddRange(targets);
        await db.SaveChangesAsync(ct);
        foreach (var target in targets)
        {
            await webhooks.PublishAsync(db, Imported(target), ct);
        }

        await transaction.CommitAsync(ct);
    }

    private static WebhookEventInput Imported(Target target) => new()
    {
        EventType = WebhookEventType.TargetImported,
        OccurredAt = DateTimeOffset.UtcNow,
        TenantId = target.TenantId,
        Target = new TargetRecord { Id = target.Id, TenantId = target.TenantId, Title = target.Title },
    };
}
#endregion
