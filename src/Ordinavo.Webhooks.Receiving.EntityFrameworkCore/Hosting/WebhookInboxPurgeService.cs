using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore;

/// <summary>
/// Deletes the handled marks of one receiver older than its retention, every <see cref="EntityFrameworkWebhookInboxOptions.PurgeInterval"/>,
/// in batches of <see cref="EntityFrameworkWebhookInboxOptions.PurgeBatchSize"/>, each batch its own short statement so that
/// handlers are not held up. The ordering help is kept: one row per entity, like your own entity tables.
/// </summary>
/// <typeparam name="TContext">The integrator's context.</typeparam>
internal sealed class WebhookInboxPurgeService<TContext>(
    IServiceScopeFactory scopeFactory,
    IOptionsMonitor<EntityFrameworkWebhookInboxOptions> optionsMonitor,
    TimeProvider timeProvider,
    ILogger<WebhookInboxPurgeService<TContext>> logger,
    string receiver) : BackgroundService
    where TContext : DbContext
{
    /// <summary>Purges every mark older than the retention now; returns how many were deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var options = optionsMonitor.Get(receiver);
        var cutoff = (timeProvider.GetUtcNow() - options.Retention).UtcDateTime;
        var total = 0;
        while (true)
        {
            var scope = scopeFactory.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var context = scope.ServiceProvider.GetRequiredService<TContext>();
                var batch = context.Set<WebhookInboxRecord>()
                    .Where(r => r.Receiver == receiver && r.HandledAt < cutoff)
                    .OrderBy(r => r.HandledAt)
                    .Take(options.PurgeBatchSize);
                var deleted = await context.Set<WebhookInboxRecord>()
                    .Where(r => batch.Any(b => b.Receiver == r.Receiver && b.EventId == r.EventId))
                    .ExecuteDeleteAsync(cancellationToken)
                    .ConfigureAwait(false);
                total += deleted;
                if (deleted < options.PurgeBatchSize)
                {
                    break;
                }
            }
        }

        if (total > 0)
        {
            Log.Purged(logger, receiver, total, cutoff);
        }

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = optionsMonitor.Get(receiver).PurgeInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, timeProvider);
        do
        {
            try
            {
                await PurgeAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.PurgeFailed(logger, ex, receiver, interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
