using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Schema;

/// <summary>
/// The outbox schema of one PostgreSQL schema name: the validated, quoted name and the migration scripts with the
/// name filled in. Times are <c>timestamptz</c> (microsecond precision).
/// </summary>
internal sealed partial class PostgreSqlSchema
{
    /// <summary>The migrations in order; migration N (1-based) brings the schema from version N-1 to N.</summary>
    private static readonly string[] Migrations =
    [
        // 1: events (idempotency keys), deliveries, attempts, subscription health.
        """
        CREATE TABLE __schema__.events (
            event_id text COLLATE "C" NOT NULL PRIMARY KEY,
            tenant_id text NOT NULL,
            event_type text NOT NULL,
            created_at timestamptz NOT NULL
        );
        CREATE INDEX ix_events_created_at ON __schema__.events (created_at);

        CREATE TABLE __schema__.deliveries (
            id text COLLATE "C" NOT NULL PRIMARY KEY,
            event_id text COLLATE "C" NOT NULL,
            subscription_id text NOT NULL,
            tenant_id text NOT NULL,
            event_type text NOT NULL,
            endpoint_url text NOT NULL,
            body bytea NOT NULL,
            state smallint NOT NULL,
            attempt_count integer NOT NULL,
            next_attempt_at timestamptz NOT NULL,
            lease_owner text NULL,
            lease_expires_at timestamptz NULL,
            created_at timestamptz NOT NULL,
            completed_at timestamptz NULL,
            last_attempt_at timestamptz NULL,
            last_status_code integer NULL,
            last_error_kind smallint NOT NULL,
            dead_letter_reason smallint NULL
        ) WITH (fillfactor = 85);
        -- fillfactor 85: a lease only changes lease_owner/lease_expires_at (not indexed), so the row version can stay on
        -- its page (a HOT update, no index writes). Measured: leasing 100 of 1,000,000 rows 3.5x faster than at 100.
        -- Leasing reads only pending rows in due order: a partial index keeps it cheap however many completed rows are kept.
        CREATE INDEX ix_deliveries_due ON __schema__.deliveries (next_attempt_at, id) WHERE state = 0;
        -- Retention purge reads only completed rows.
        CREATE INDEX ix_deliveries_completed ON __schema__.deliveries (completed_at) WHERE state <> 0;
        CREATE INDEX ix_deliveries_event ON __schema__.deliveries (event_id);
        CREATE INDEX ix_deliveries_subscription ON __schema__.deliveries (subscription_id, created_at);

        CREATE TABLE __schema__.attempts (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            delivery_id text COLLATE "C" NOT NULL REFERENCES __schema__.deliveries (id) ON DELETE CASCADE,
            attempt_id text NOT NULL,
            attempt_number integer NOT NULL,
            started_at timestamptz NOT NULL,
            duration_ticks bigint NOT NULL,
            status_code integer NULL,
            error_kind smallint NOT NULL,
            response_body text NULL
        );
        CREATE INDEX ix_attempts_delivery ON __schema__.attempts (delivery_id, started_at, attempt_number);

        CREATE TABLE __schema__.subscription_health (
            subscription_id text NOT NULL PRIMARY KEY,
            last_success_at timestamptz NULL,
            failing_since timestamptz NULL
        );
        """,

        // 2: managed subscriptions (keys and version as columns, the rest as the manager's JSON document, kept as given:
        // text, not jsonb). COLLATE "C": ids and tenants compare as bytes, the ordinal order of keyset paging.
        """
        CREATE TABLE __schema__.subscriptions (
            id text COLLATE "C" NOT NULL PRIMARY KEY,
            tenant_id text COLLATE "C" NOT NULL,
            version bigint NOT NULL,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            document text NOT NULL
        );
        CREATE INDEX ix_subscriptions_tenant ON __schema__.subscriptions (tenant_id, id);
        """,

        // 3: per-tenant reads: a tenant's deliveries in id order (the admin API's keyset pages), its pending deliveries
        // per subscription and its completed deliveries by completion time (delivery statistics). Partial indexes keep
        // each read to the rows it counts; none holds a lease column, so a lease stays a HOT update.
        """
        CREATE INDEX ix_deliveries_tenant ON __schema__.deliveries (tenant_id, id);
        CREATE INDEX ix_deliveries_tenant_pending ON __schema__.deliveries (tenant_id, subscription_id) WHERE state = 0;
        CREATE INDEX ix_deliveries_tenant_completed ON __schema__.deliveries (tenant_id, completed_at) WHERE state <> 0;
        """,
    ];

    public PostgreSqlSchema(string name)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException(
                "The PostgreSQL schema name must be an identifier: a letter or underscore, then letters, digits or underscores, at most 63 characters, not starting with pg_.",
                nameof(name));
        }

        Name = name;
        Quoted = "\"" + name + "\"";
        CreateSchemaAndVersionTable =
            $"CREATE SCHEMA IF NOT EXISTS {Quoted}; CREATE TABLE IF NOT EXISTS {Quoted}.schema_version (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());";
    }

    /// <summary>The latest schema version this package knows.</summary>
    public static int LatestVersion => Migrations.Length;

    /// <summary>The schema name as configured.</summary>
    public string Name { get; }

    /// <summary>The schema name as a quoted identifier, ready for SQL.</summary>
    public string Quoted { get; }

    /// <summary>Creates the schema and the version table when missing.</summary>
    public string CreateSchemaAndVersionTable { get; }

    /// <summary>Whether <paramref name="name"/> is an acceptable schema name.</summary>
    public static bool IsValidName(string? name) =>
        name is not null && IdentifierPattern().IsMatch(name) && !name.StartsWith("pg_", StringComparison.OrdinalIgnoreCase);

    /// <summary>The script of migration <paramref name="version"/> for this schema.</summary>
    public string Migration(int version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(version, LatestVersion);
        return Qualify(Migrations[version - 1]);
    }

    /// <summary>Replaces the <c>__schema__</c> placeholder with the quoted schema name.</summary>
    public string Qualify(string sql) => sql.Replace("__schema__", Quoted, StringComparison.Ordinal);

    /// <summary>The schema name (for messages).</summary>
    public override string ToString() => Name.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}
