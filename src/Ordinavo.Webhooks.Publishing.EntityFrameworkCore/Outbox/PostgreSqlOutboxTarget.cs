using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Ordinavo.Webhooks.Publishing.PostgreSql;

namespace Ordinavo.Webhooks.Publishing.EntityFrameworkCore.Outbox;

/// <summary>The PostgreSQL store, whose schema lives in the context's database.</summary>
internal sealed class PostgreSqlOutboxTarget(PostgreSqlWebhookOutboxStore store) : OutboxTarget
{
    public override Task EnsureSchemaAsync(CancellationToken cancellationToken) => store.EnsureSchemaAsync(cancellationToken);

    public override async Task<bool> EnqueueAsync(WebhookPreparedEvent preparedEvent, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (transaction is not NpgsqlTransaction npgsql)
        {
            throw DbContextOutbox.Mismatch($"The outbox store is PostgreSQL but the DbContext's transaction is a {transaction.GetType().Name}.");
        }

        try
        {
            return await store.EnqueueAsync(preparedEvent, npgsql, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            throw DbContextOutbox.Mismatch(
                $"The outbox schema '{store.Options.SchemaName}' does not exist in the database of the DbContext's connection: the PostgreSQL store must use the DbContext's database.",
                exception);
        }
    }
}
