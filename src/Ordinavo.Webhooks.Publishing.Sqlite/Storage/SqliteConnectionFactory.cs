using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Storage;

/// <summary>
/// Opens connections to the outbox file with the store's settings: WAL journal (set once, persistent in the file),
/// busy timeout, synchronous mode and foreign keys on every connection.
/// </summary>
internal sealed class SqliteConnectionFactory
{
    private readonly string _pragmas;

    public SqliteConnectionFactory(SqliteWebhookOutboxStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = options.ConnectionString is { Length: > 0 } raw
            ? new SqliteConnectionStringBuilder(raw)
            : new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(options.DatabasePath!) };
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            throw new ArgumentException("The SQLite outbox needs a database file; in-memory databases lose every pending delivery.", nameof(options));
        }

        if (builder.Mode == SqliteOpenMode.ReadOnly)
        {
            throw new ArgumentException("The SQLite outbox needs a writable database file.", nameof(options));
        }

        builder.Pooling = true;
        builder.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds));
        ConnectionString = builder.ToString();
        DatabaseFile = Path.GetFullPath(builder.DataSource);
        _pragmas = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = {(options.FlushEveryCommit ? "FULL" : "NORMAL")}; PRAGMA foreign_keys = ON;");
    }

    /// <summary>The connection string the store uses.</summary>
    public string ConnectionString { get; }

    /// <summary>The full path of the database file.</summary>
    public string DatabaseFile { get; }

    /// <summary>Creates the folder of the file when missing and switches the file to WAL (a persistent setting).</summary>
    public async Task InitializeFileAsync(CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(DatabaseFile) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The SQLite outbox file could not be switched to WAL mode (journal mode is '{mode}').");
            }
        }
    }

    /// <summary>Opens a pooled connection and applies the per-connection settings.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ApplyPragmasAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Applies busy timeout, synchronous mode and foreign keys to a connection (also to a host's connection).</summary>
    public async Task ApplyPragmasAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
