using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ordinavo.Webhooks.Publishing.Sqlite.Diagnostics;
using Ordinavo.Webhooks.Publishing.Sqlite.Schema;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Hosting;

/// <summary>
/// Creates or migrates the schema when the host starts, so that a broken or too new database stops the host with the
/// cause instead of failing the first publish. (Retention purging is the delivery worker's job: <c>WebhookPublisherOptions.Retention</c>.)
/// </summary>
internal sealed class SqliteOutboxSchemaInitializer(SqliteWebhookOutboxStore store, ILogger<SqliteOutboxSchemaInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        Log.SchemaReady(logger, SqliteSchema.LatestVersion, store.DatabaseFile);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
