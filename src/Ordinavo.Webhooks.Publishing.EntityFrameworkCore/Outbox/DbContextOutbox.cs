using System;
using System.IO;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Ordinavo.Webhooks.Publishing.PostgreSql;
using Ordinavo.Webhooks.Publishing.Sqlite;

namespace Ordinavo.Webhooks.Publishing.EntityFrameworkCore.Outbox;

/// <summary>Matches the configured outbox store with a <see cref="DbContext"/>'s provider and database.</summary>
internal static class DbContextOutbox
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// The store as a target for the context's transactions, or a <see cref="WebhookPublishingErrorReason.StoreMismatch"/>
    /// error: a non-relational provider, another provider than the store's, another SQLite file, another PostgreSQL
    /// database, or a store that does not take part in database transactions. Does no I/O.
    /// </summary>
    public static OutboxTarget Resolve(IWebhookOutboxStore outbox, DbContext dbContext)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        var database = dbContext.Database;
        if (!database.IsRelational())
        {
            throw Mismatch($"The DbContext's provider ({database.ProviderName}) is not relational: it has no database transaction the outbox could join.");
        }

        var connection = database.GetDbConnection();
        switch (outbox)
        {
            case SqliteWebhookOutboxStore sqlite:
                if (connection is not SqliteConnection sqliteConnection)
                {
                    throw Mismatch($"The outbox store is SQLite but the DbContext uses {database.ProviderName}: use the outbox store of the DbContext's database (UsePostgreSqlStore for PostgreSQL).");
                }

                var file = DatabaseFile(sqliteConnection);
                if (file is null || !string.Equals(file, sqlite.DatabaseFile, PathComparison))
                {
                    throw Mismatch(
                        $"The SQLite outbox store's file ({sqlite.DatabaseFile}) is not the DbContext's database file ({(file ?? "in memory")}): configure UseSqliteStore with the DbContext's database file.");
                }

                return new SqliteOutboxTarget(sqlite);

            case PostgreSqlWebhookOutboxStore postgres:
                if (connection is not NpgsqlConnection npgsqlConnection)
                {
                    throw Mismatch($"The outbox store is PostgreSQL but the DbContext uses {database.ProviderName}: use the outbox store of the DbContext's database (UseSqliteStore for SQLite).");
                }

                if (postgres.Options.ConnectionString is { Length: > 0 } storeConnectionString &&
                    new NpgsqlConnectionStringBuilder(storeConnectionString).Database is { Length: > 0 } storeDatabase &&
                    new NpgsqlConnectionStringBuilder(npgsqlConnection.ConnectionString).Database is { Length: > 0 } contextDatabase &&
                    !string.Equals(storeDatabase, contextDatabase, StringComparison.Ordinal))
                {
                    throw Mismatch(
                        $"The PostgreSQL outbox store uses the database '{storeDatabase}' but the DbContext uses '{contextDatabase}': the store must use the DbContext's database.");
                }

                return new PostgreSqlOutboxTarget(postgres);

            default:
                throw Mismatch(
                    $"The configured outbox store ({outbox.GetType().Name}) does not take part in database transactions: publish inside a DbContext with UseSqliteStore or UsePostgreSqlStore on the DbContext's database.");
        }
    }

    public static WebhookPublishingException Mismatch(string message, Exception? innerException = null) =>
        new(WebhookPublishingErrorReason.StoreMismatch, message, innerException);

    /// <summary>The full path of the connection's database file, or <see langword="null"/> for an in-memory database.</summary>
    private static string? DatabaseFile(SqliteConnection connection)
    {
        // Open: the main database's full path ("" when in memory). Closed: the connection string's Data Source.
        var source = connection.DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" ||
            new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.Memory)
        {
            return null;
        }

        return Path.GetFullPath(source);
    }
}
