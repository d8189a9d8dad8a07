using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Ordinavo.Webhooks.Publishing.Sqlite;

namespace Ordinavo.Webhooks.Publishing.EntityFrameworkCore.Outbox;

/// <summary>The SQLite store, whose file is the context's database file.</summary>
internal sealed class SqliteOutboxTarget(SqliteWebhookOutboxStore store) : OutboxTarget
{
    public override Task EnsureSchemaAsync(CancellationToken cancellationToken) => store.EnsureSchemaAsync(cancellationToken);

    public override Task<bool> EnqueueAsync(WebhookPreparedEvent preparedEvent, DbTransaction transaction, CancellationToken cancellationToken) =>
        transaction is SqliteTransaction sqlite
            ? store.EnqueueAsync(preparedEvent, sqlite, cancellationToken)
            : throw DbContextOutbox.Mismatch($"The outbox store is SQLite but the DbContext's transaction is a {transaction.GetType().Name}.");
}
