using System.Collections.Generic;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Schema;

/// <summary>
/// The outbox tables. Their names carry the <c>ordinavo_webhook_</c> prefix because the file may be the host's own
/// database (the transactional outbox). Times are stored as INTEGER UTC ticks (exact round trip, cheap comparisons).
/// </summary>
internal static class SqliteSchema
{
    public const string VersionTable = "ordinavo_webhook_schema_version";
    public const string Events = "ordinavo_webhook_events";
    public const string Deliveries = "ordinavo_webhook_deliveries";
    public const string Attempts = "ordinavo_webhook_attempts";
    public const string Health = "ordinavo_webhook_subscription_health";
    public const string Subscriptions = "ordinavo_webhook_subscriptions";

    public const string CreateVersionTable =
        $"CREATE TABLE IF NOT EXISTS {VersionTable} (version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL);";

    /// <summary>The migrations in order; migration N (1-based) brings the schema from version N-1 to N.</summary>
    public static readonly IReadOnlyList<string> Migrations =
    [
        // 1: events (idempotency keys), deliveries, attempts, subscription health.
        $"""
        CREATE TABLE {Events} (
            event_id TEXT NOT NULL PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX ix_{Events}_created_at ON {Events} (created_at);

        CREATE TABLE {Deliveries} (
            id TEXT NOT NULL PRIMARY KEY,
            event_id TEXT NOT NULL,
            subscription_id TEXT NOT NULL,
            tenant_id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            endpoint_url TEXT NOT NULL,
            body BLOB NOT NULL,
            state INTEGER NOT NULL,
            attempt_count INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            lease_owner TEXT NULL,
            lease_expires_at INTEGER NULL,
            created_at INTEGER NOT NULL,
            completed_at INTEGER NULL,
            last_attempt_at INTEGER NULL,
            last_status_code INTEGER NULL,
            last_error_kind INTEGER NOT NULL,
            dead_letter_reason INTEGER NULL
        );
        -- Leasing reads only pending rows in due order: a partial index keeps it cheap however many completed rows are kept.
        CREATE INDEX ix_{Deliveries}_due ON {Deliveries} (next_attempt_at, id) WHERE state = 0;
        -- Retention purge and dead-letter redelivery read only completed rows.
        CREATE INDEX ix_{Deliveries}_completed ON {Deliveries} (completed_at) WHERE state <> 0;
        CREATE INDEX ix_{Deliveries}_event ON {Deliveries} (event_id);
        CREATE INDEX ix_{Deliveries}_subscription ON {Deliveries} (subscription_id, created_at);

        CREATE TABLE {Attempts} (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            delivery_id TEXT NOT NULL REFERENCES {Deliveries} (id) ON DELETE CASCADE,
            attempt_id TEXT NOT NULL,
            attempt_number INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            duration_ticks INTEGER NOT NULL,
            status_code INTEGER NULL,
            error_kind INTEGER NOT NULL,
            response_body TEXT NULL
        );
        CREATE INDEX ix_{Attempts}_delivery ON {Attempts} (delivery_id, started_at, attempt_number);

        CREATE TABLE {Health} (
            subscription_id TEXT NOT NULL PRIMARY KEY,
            last_success_at INTEGER NULL,
            failing_since INTEGER NULL
        );
        """,

        // 2: managed subscriptions (keys and version as columns, the rest as the manager's JSON document).
        $"""
        CREATE TABLE {Subscriptions} (
            id TEXT NOT NULL PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            document TEXT NOT NULL
        );
        -- Listing a tenant's subscriptions in id order (keyset paging) reads this index only.
        CREATE INDEX ix_{Subscriptions}_tenant ON {Subscriptions} (tenant_id, id);
        """,

        // 3: per-tenant reads: a tenant's deliveries in id order (the admin API's keyset pages), its pending deliveries
        // per subscription and its completed deliveries by completion time (delivery statistics). Partial indexes keep
        // each read to the rows it counts, however many completed rows are kept.
        $"""
        CREATE INDEX ix_{Deliveries}_tenant ON {Deliveries} (tenant_id, id);
        CREATE INDEX ix_{Deliveries}_tenant_pending ON {Deliveries} (tenant_id, subscription_id) WHERE state = 0;
        CREATE INDEX ix_{Deliveries}_tenant_completed ON {Deliveries} (tenant_id, completed_at) WHERE state <> 0;
        """,
    ];

    public static int LatestVersion => Migrations.Count;
}
