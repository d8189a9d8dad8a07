using System;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore;

/// <summary>
/// The inbox's SQL for one context model, built once from the model's own table and column names (so a schema, other
/// table names or a naming convention all hold) and cached per model.
/// </summary>
internal sealed class InboxSql
{
    /// <summary>The provider names the inbox has SQL of its own for.</summary>
    public const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <inheritdoc cref="SqliteProvider"/>
    public const string PostgreSqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    private static readonly ConditionalWeakTable<IModel, InboxSql> Cache = [];

    private InboxSql(InboxDialect dialect, IModel model, ISqlGenerationHelper sql)
    {
        Dialect = dialect;
        var inbox = model.FindEntityType(typeof(WebhookInboxRecord))!;
        var ordering = model.FindEntityType(typeof(WebhookOrderingRecord))!;
        var inboxTable = StoreObjectIdentifier.Table(inbox.GetTableName()!, inbox.GetSchema());
        var orderingTable = StoreObjectIdentifier.Table(ordering.GetTableName()!, ordering.GetSchema());
        string Column(IEntityType type, StoreObjectIdentifier table, string property) =>
            sql.DelimitIdentifier(type.FindProperty(property)!.GetColumnName(table)!);

        HandledAtMapping = inbox.FindProperty(nameof(WebhookInboxRecord.HandledAt))!.GetRelationalTypeMapping();
        OccurredAtMapping = ordering.FindProperty(nameof(WebhookOrderingRecord.LatestOccurredAt))!.GetRelationalTypeMapping();

        var inboxName = sql.DelimitIdentifier(inboxTable.Name, inboxTable.Schema);
        var receiver = Column(inbox, inboxTable, nameof(WebhookInboxRecord.Receiver));
        var eventId = Column(inbox, inboxTable, nameof(WebhookInboxRecord.EventId));
        var handledAt = Column(inbox, inboxTable, nameof(WebhookInboxRecord.HandledAt));
        var orderingName = sql.DelimitIdentifier(orderingTable.Name, orderingTable.Schema);
        var tenant = Column(ordering, orderingTable, nameof(WebhookOrderingRecord.TenantId));
        var kind = Column(ordering, orderingTable, nameof(WebhookOrderingRecord.EntityKind));
        var entityId = Column(ordering, orderingTable, nameof(WebhookOrderingRecord.EntityId));
        var latest = Column(ordering, orderingTable, nameof(WebhookOrderingRecord.LatestOccurredAt));
        var previous = Column(ordering, orderingTable, nameof(WebhookOrderingRecord.PreviousOccurredAt));

        var insertMark = $"INSERT INTO {inboxName} ({receiver}, {eventId}, {handledAt})";
        var insertOrdering = $"INSERT INTO {orderingName} AS cur ({tenant}, {kind}, {entityId}, {latest}, {previous})";
        switch (dialect)
        {
            case InboxDialect.PostgreSql:
                // One round trip, sent with the transaction's BEGIN: the try-lock makes a concurrent duplicate on another
                // node a 409 instead of a wait; the lock and the uncommitted rows go with the transaction (commit,
                // rollback, or the connection dropped by a crash). The ordering row is locked by the upsert until the
                // commit, so events about one entity are handled one after the other, and PREVIOUS returns what was
                // newest before this event even when another transaction updated it a moment ago.
                var begin = $"""
                    WITH l AS (SELECT pg_try_advisory_xact_lock(hashtextextended(@receiver || ' ' || @event_id, 0)) AS ok),
                    m AS ({insertMark} SELECT @receiver, @event_id, @now FROM l WHERE l.ok ON CONFLICT DO NOTHING RETURNING 1 AS x)
                    """;
                BeginWithoutEntity = begin + "\nSELECT (SELECT ok FROM l), (SELECT count(*) FROM m)::int, NULL::timestamptz";
                BeginWithEntity = begin + $"""
                    ,
                    o AS ({insertOrdering} SELECT @tenant, @kind, @entity, @occurred, NULL FROM m
                          ON CONFLICT ({tenant}, {kind}, {entityId}) DO UPDATE SET {previous} = cur.{latest}, {latest} = GREATEST(cur.{latest}, EXCLUDED.{latest})
                          RETURNING {previous})
                    SELECT (SELECT ok FROM l), (SELECT count(*) FROM m)::int, (SELECT {previous} FROM o)
                    """;
                break;
            case InboxDialect.Sqlite:
                // The transaction holds SQLite's write lock (BEGIN IMMEDIATE), so a concurrent duplicate waits for the
                // commit and then finds the mark. A row comes back only for a new event (with the entity's previous newest
                // occurredAt); SQLite allows no RETURNING in a subquery, hence changes() between the two statements.
                BeginWithoutEntity = $"{insertMark} VALUES (@receiver, @event_id, @now) ON CONFLICT DO NOTHING RETURNING NULL;";
                BeginWithEntity = $"""
                    {insertMark} VALUES (@receiver, @event_id, @now) ON CONFLICT DO NOTHING;
                    {insertOrdering} SELECT @tenant, @kind, @entity, @occurred, NULL WHERE changes() = 1
                    ON CONFLICT ({tenant}, {kind}, {entityId}) DO UPDATE SET {previous} = cur.{latest}, {latest} = max(cur.{latest}, excluded.{latest})
                    RETURNING {previous};
                    """;
                break;
            default:
                BeginWithoutEntity = string.Empty;
                BeginWithEntity = string.Empty;
                break;
        }
    }

    /// <summary>Which statements the inbox uses.</summary>
    public InboxDialect Dialect { get; }

    /// <summary>Begins an event without an entity. Parameters: <c>@receiver</c>, <c>@event_id</c>, <c>@now</c>.</summary>
    public string BeginWithoutEntity { get; }

    /// <summary>Begins an event about an entity: as <see cref="BeginWithoutEntity"/>, plus <c>@tenant</c>, <c>@kind</c>, <c>@entity</c>, <c>@occurred</c>.</summary>
    public string BeginWithEntity { get; }

    /// <summary>The type mapping of the handled time (it writes the parameter as the model stores the column).</summary>
    public RelationalTypeMapping HandledAtMapping { get; }

    /// <summary>The type mapping of the ordering times.</summary>
    public RelationalTypeMapping OccurredAtMapping { get; }

    /// <summary>The SQL for <paramref name="context"/>'s model and provider.</summary>
    /// <param name="context">The context.</param>
    /// <param name="allowOtherProviders">Whether a provider other than SQLite and PostgreSQL may use the portable path.</param>
    /// <exception cref="InvalidOperationException">The model lacks the inbox mapping, or the provider is not supported.</exception>
    public static InboxSql For(DbContext context, bool allowOtherProviders)
    {
        var model = context.Model;
        if (Cache.TryGetValue(model, out var cached))
        {
            return cached;
        }

        var dialect = DialectOf(context, allowOtherProviders);
        var built = new InboxSql(dialect, model, context.GetService<ISqlGenerationHelper>());
        Cache.AddOrUpdate(model, built);
        return built;
    }

    /// <summary>Checks the context's model and provider, as the start-up validation and the first request do.</summary>
    /// <param name="context">The context.</param>
    /// <param name="allowOtherProviders">Whether other providers may use the portable path.</param>
    /// <returns>The dialect the inbox will use.</returns>
    public static InboxDialect DialectOf(DbContext context, bool allowOtherProviders)
    {
        var contextName = context.GetType().Name;
        if (context.Model.FindEntityType(typeof(WebhookInboxRecord)) is null || context.Model.FindEntityType(typeof(WebhookOrderingRecord)) is null)
        {
            throw new InvalidOperationException(
                $"The model of {contextName} has no Ordinavo webhook inbox. Call modelBuilder.AddOrdinavoWebhookInbox() in {contextName}.OnModelCreating and add a migration that creates its tables.");
        }

        var provider = context.Database.ProviderName;
        if (!context.Database.IsRelational())
        {
            throw new InvalidOperationException(
                $"{contextName} uses the provider '{provider}', which is not relational; the webhook inbox needs a relational database (SQLite or PostgreSQL).");
        }

        return provider switch
        {
            SqliteProvider => InboxDialect.Sqlite,
            PostgreSqlProvider => InboxDialect.PostgreSql,
            _ when allowOtherProviders => InboxDialect.Portable,
            _ => throw new InvalidOperationException(
                $"{contextName} uses the provider '{provider}'. The webhook inbox is built and tested for SQLite and PostgreSQL; to use it with another relational provider (portable EF Core operations, a concurrent duplicate then fails at commit and is retried), set EntityFrameworkWebhookInboxOptions.AllowOtherProviders = true."),
        };
    }
}
