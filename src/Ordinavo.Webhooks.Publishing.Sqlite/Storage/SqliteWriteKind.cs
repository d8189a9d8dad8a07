namespace Ordinavo.Webhooks.Publishing.Sqlite.Storage;

/// <summary>
/// Whether a write acknowledges something to a caller, and so needs its commit flushed to disk when
/// <see cref="SqliteWebhookOutboxStoreOptions.FlushEveryCommit"/> is on.
/// </summary>
internal enum SqliteWriteKind
{
    /// <summary>
    /// A publish, a requeue, a purge or a subscription change: the caller is told it happened, so with
    /// <see cref="SqliteWebhookOutboxStoreOptions.FlushEveryCommit"/> its commit is flushed (<c>synchronous=FULL</c>).
    /// </summary>
    Acknowledging = 0,

    /// <summary>
    /// The delivery worker's own bookkeeping (a lease, finished attempts, subscription health): committed without a flush
    /// of its own (<c>synchronous=NORMAL</c>). In WAL mode such a commit survives a process crash; a power loss can roll
    /// it back until the next flushed commit, which flushes it too. Rolled back, a delivery is attempted again
    /// (at-least-once: receivers deduplicate by event id).
    /// </summary>
    Bookkeeping = 1,
}
