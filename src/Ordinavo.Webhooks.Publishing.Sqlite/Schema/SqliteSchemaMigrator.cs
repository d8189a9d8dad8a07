using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Schema;

/// <summary>
/// Creates and migrates the outbox schema. Versioned (one row per applied migration in the version table),
/// idempotent, and safe when several processes start at once: the migration runs inside <c>BEGIN IMMEDIATE</c>,
/// which takes SQLite's write lock before the version is read, so a second process waits (busy timeout) and
/// then finds the schema current.
/// </summary>
internal static class SqliteSchemaMigrator
{
    /// <summary>Brings the schema to <see cref="SqliteSchema.LatestVersion"/>; returns the version found before.</summary>
    public static async Task<int> MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // Fast path without the write lock: WAL readers never wait for writers.
        var found = await ReadVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (found == SqliteSchema.LatestVersion)
        {
            return found;
        }

        ThrowIfNewer(found);
        using var transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(connection, transaction, SqliteSchema.CreateVersionTable, cancellationToken).ConfigureAwait(false);
        found = await ReadVersionCoreAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        ThrowIfNewer(found);
        for (var version = found + 1; version <= SqliteSchema.LatestVersion; version++)
        {
            await ExecuteAsync(connection, transaction, SqliteSchema.Migrations[version - 1], cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction,
                string.Create(CultureInfo.InvariantCulture,
                    $"INSERT INTO {SqliteSchema.VersionTable} (version, applied_at) VALUES ({version}, {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()});"),
                cancellationToken).ConfigureAwait(false);
        }

        transaction.Commit();
        return found;
    }

    /// <summary>The applied schema version, 0 for an empty database.</summary>
    public static async Task<int> ReadVersionAsync(SqliteConnection connection, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{SqliteSchema.VersionTable}';";
        var exists = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
        return exists ? await ReadVersionCoreAsync(connection, transaction, cancellationToken).ConfigureAwait(false) : 0;
    }

    private static async Task<int> ReadVersionCoreAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT coalesce(max(version), 0) FROM {SqliteSchema.VersionTable};";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static void ThrowIfNewer(int found)
    {
        if (found > SqliteSchema.LatestVersion)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The webhook outbox schema in this SQLite database has version {found}, newer than the {SqliteSchema.LatestVersion} this package knows. Update the Ordinavo.Webhooks.Publishing.Sqlite package."));
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
