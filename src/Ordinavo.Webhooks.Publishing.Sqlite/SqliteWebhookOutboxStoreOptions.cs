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
    /// Whether every commit that acknowledges something to a caller is flushed to disk before the call returns
    /// (<c>PRAGMA synchronous=FULL</c>, the default): a publish (<see cref="IWebhookOutboxStore.EnqueueAsync"/>), a
    /// requeue, a purge and a managed subscription change survive a power loss once they returned. The delivery
    /// worker's own bookkeeping (leases, finished attempts, subscription health) commits without a flush of its own
    /// (<c>synchronous=NORMAL</c>) unless it shares its transaction with such a write: in WAL mode it survives a crash of
    /// the process, and the next flushed commit flushes it too; a power loss before that can roll it back, and the
    /// delivery is then attempted again (at-least-once; receivers deduplicate by event id).
    /// <see langword="false"/> commits everything with <c>synchronous=NORMAL</c>: still safe when the process crashes,
    /// but the last publishes may be lost when the machine loses power.
    /// </summary>
    public bool FlushEveryCommit { get; set; } = true;
}
