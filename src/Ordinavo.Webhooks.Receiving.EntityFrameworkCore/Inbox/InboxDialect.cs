namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore;

/// <summary>How the inbox talks to the context's database.</summary>
internal enum InboxDialect
{
    /// <summary>Another relational provider (explicit opt-in): portable EF Core operations, duplicates detected by the key.</summary>
    Portable = 0,

    /// <summary>SQLite: the transaction takes the write lock at once (<c>BEGIN IMMEDIATE</c>); one upsert statement each.</summary>
    Sqlite = 1,

    /// <summary>PostgreSQL: one statement takes a transaction-scoped advisory lock, writes the mark and the ordering help.</summary>
    PostgreSql = 2,
}
