using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>The hosted background service that runs the delivery engine (unless <see cref="WebhookPublisherOptions.EnableDeliveryWorker"/> is off).</summary>
internal sealed class WebhookDeliveryWorker(WebhookDeliveryEngine engine, IOptions<WebhookPublisherOptions> options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.EnableDeliveryWorker ? engine.RunAsync(stoppingToken) : Task.CompletedTask;
}
