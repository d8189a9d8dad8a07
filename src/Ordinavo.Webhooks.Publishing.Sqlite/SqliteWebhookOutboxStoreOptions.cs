using System;

namespace Ordinavo.Webhooks.Publishing.Sqlite;

/// <summary>Options of the SQLite outbox store (<see cref="SqliteWebhookOutboxStore"/>).</summary>
public sealed class SqliteWebhookOutboxStoreOptions
{
    /// <summary>The default busy timeout: 30 seconds.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The database file (created with its folder when missing). Use the host's own database file for the
    /// transactional outbox. Set this or <see cref="ConnectionString"/>.
    /// </summary>
    public string? DatabasePath { get; set; }

    /// <summary>
    /// A full Microsoft.Data.Sqlite connection string instead of <see cref="DatabasePath"/> (for example with
    /// <c>Mode=ReadWriteCreate</c> or a password). In-memory databases are refused: the outbox must be durable.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a statement waits for another connection or process holding the write lock (default 30 s).</summary>
    public TimeSpan BusyTimeout { get; set; } = DefaultBusyTimeout;

    /// <summary>
    /// Whether every commit is flushed to disk (<c>PRAGMA synchronous=FULL</c>, the default): a published event survives
    /// a power loss. <see langword="false"/> uses <c>synchronous=NORMAL</c>: faster, still safe when the process
    /// crashes, but the last commits may be lost when the machine loses power.
    /// </summary>
    public bool FlushEveryCommit { get; set; } = true;
}
