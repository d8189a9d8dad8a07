using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ordinavo.Webhooks.Publishing.PostgreSql.Diagnostics;
using Ordinavo.Webhooks.Publishing.PostgreSql.Schema;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Hosting;

/// <summary>
/// Creates or migrates the schema when the host starts, so that an unreachable or too new database stops the host with
/// the cause instead of failing the first publish. (Retention purging is the delivery worker's job: <c>WebhookPublisherOptions.Retention</c>.)
/// </summary>
internal sealed class PostgreSqlOutboxSchemaInitializer(PostgreSqlWebhookOutboxStore store, ILogger<PostgreSqlOutboxSchemaInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        Log.SchemaReady(logger, store.Options.SchemaName, PostgreSqlSchema.LatestVersion);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
