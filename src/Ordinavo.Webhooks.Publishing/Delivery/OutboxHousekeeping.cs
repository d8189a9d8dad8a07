using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// The delivery worker's housekeeping on its own timer: the queue depth gauge every <see cref="DepthInterval"/>, and the
/// retention purge (<see cref="WebhookPublisherOptions.Retention"/>) every <see cref="PurgeInterval"/>. A failure is
/// logged and tried again on the next tick; it never stops deliveries.
/// </summary>
internal sealed class OutboxHousekeeping(
    IWebhookDeliveryMonitor monitor,
    WebhookPublisherOptions options,
    TimeProvider time,
    WebhookPublisherTelemetry telemetry,
    ILogger logger)
{
    /// <summary>How often the queue depth is read: fresh enough for a dashboard, one cheap count query per node.</summary>
    internal static readonly TimeSpan DepthInterval = TimeSpan.FromSeconds(5);

    /// <summary>How often the retention purge runs: retention is counted in days, so once an hour keeps the tables near it.</summary>
    internal static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);

    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(DepthInterval, time);
        do
        {
            try
            {
                await RunDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.StoreFailed(logger, "housekeeping", ex);
            }

            try
            {
                if (!await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        while (true);
    }

    /// <summary>Reads the queue depth, and purges when the purge is due.</summary>
    internal async Task RunDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        telemetry.QueueDepth = await monitor.GetQueueDepthAsync(now, cancellationToken).ConfigureAwait(false);
        if (options.Retention is { } retention && now >= _nextPurge)
        {
            _nextPurge = now + PurgeInterval;
            var cutoff = now - retention;
            var purged = await monitor.PurgeAsync(cutoff, includeDeadLetters: false, cancellationToken).ConfigureAwait(false);
            if (purged > 0)
            {
                Log.Purged(logger, purged, cutoff);
            }
        }
    }
}
