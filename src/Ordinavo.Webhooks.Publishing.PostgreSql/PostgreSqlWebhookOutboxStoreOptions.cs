namespace Ordinavo.Webhooks.Publishing.PostgreSql;

/// <summary>Options of the PostgreSQL outbox store (<see cref="PostgreSqlWebhookOutboxStore"/>).</summary>
public sealed class PostgreSqlWebhookOutboxStoreOptions
{
    /// <summary>The default schema name: <c>ordinavo_webhooks</c>.</summary>
    public const string DefaultSchemaName = "ordinavo_webhooks";

    /// <summary>
    /// The Npgsql connection string. Not needed when the store is given an <c>NpgsqlDataSource</c>.
    /// Never logged (it may carry a password).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The PostgreSQL schema that holds the outbox tables (created when missing; default <c>ordinavo_webhooks</c>).
    /// An identifier: a letter or underscore, then letters, digits or underscores, at most 63 characters; always quoted.
    /// </summary>
    public string SchemaName { get; set; } = DefaultSchemaName;

    /// <summary>
    /// Whether a publish wakes the delivery workers of every node at once (PostgreSQL LISTEN/NOTIFY). Default
    /// <see langword="true"/>: each enqueue that stores deliveries notifies the channel <c>ordinavo_webhooks_</c> +
    /// <see cref="SchemaName"/> (in the same statement; inside a host transaction the notification goes out on commit),
    /// and while this node's delivery worker runs, the store keeps one connection of its pool listening on that channel.
    /// The workers keep polling (<c>WebhookPublisherOptions.PollInterval</c>) for any notification that is lost.
    /// Turn it off where LISTEN cannot work (a pooler in transaction mode such as PgBouncer's) or to save the connection:
    /// the store then neither notifies nor listens, and other nodes find a publish on their next poll.
    /// </summary>
    public bool ListenForNotifications { get; set; } = true;
}
