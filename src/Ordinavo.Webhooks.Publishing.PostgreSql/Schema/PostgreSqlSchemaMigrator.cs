using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Schema;

/// <summary>
/// Creates and migrates the outbox schema. Versioned (one row per applied migration in <c>schema_version</c>),
/// idempotent, and safe when several nodes start at once: everything runs in one transaction that first takes
/// <c>pg_advisory_xact_lock</c> on a key derived from the schema name, so a second node waits and then finds the
/// schema current. DDL in PostgreSQL is transactional: a failed migration leaves nothing half-applied.
/// </summary>
internal static class PostgreSqlSchemaMigrator
{
    /// <summary>Brings the schema to <see cref="PostgreSqlSchema.LatestVersion"/>; returns the version found before.</summary>
    public static async Task<int> MigrateAsync(NpgsqlDataSource dataSource, PostgreSqlSchema schema, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var found = await ReadVersionAsync(connection, null, schema, cancellationToken).ConfigureAwait(false);
            if (found == PostgreSqlSchema.LatestVersion)
            {
                return found;
            }

            ThrowIfNewer(found, schema);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext($1));", connection, transaction))
                {
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "ordinavo_webhooks_migration:" + schema.Name });
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await ExecuteAsync(connection, transaction, schema.CreateSchemaAndVersionTable, cancellationToken).ConfigureAwait(false);
                found = await ReadVersionAsync(connection, transaction, schema, cancellationToken).ConfigureAwait(false);
                ThrowIfNewer(found, schema);
                for (var version = found + 1; version <= PostgreSqlSchema.LatestVersion; version++)
                {
                    await ExecuteAsync(connection, transaction, schema.Migration(version), cancellationToken).ConfigureAwait(false);
                    await ExecuteAsync(connection, transaction,
                        string.Create(CultureInfo.InvariantCulture, $"INSERT INTO {schema.Quoted}.schema_version (version) VALUES ({version});"),
                        cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return found;
            }
        }
    }

    /// <summary>The applied schema version, 0 when the schema or its version table does not exist yet.</summary>
    public static async Task<int> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, PostgreSqlSchema schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT to_regclass(quote_ident($1) || '.schema_version') IS NOT NULL;", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema.Name });
        var exists = (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        if (!exists)
        {
            return 0;
        }

        await using var read = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {schema.Quoted}.schema_version;", connection, transaction);
        return Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static void ThrowIfNewer(int found, PostgreSqlSchema schema)
    {
        if (found > PostgreSqlSchema.LatestVersion)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The webhook outbox schema \"{schema.Name}\" has version {found}, newer than the {PostgreSqlSchema.LatestVersion} this package knows. Update the Ordinavo.Webhooks.Publishing.PostgreSql package."));
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
