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
}
