using System;
using System.Security.Cryptography;
using System.Text;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Notifications;

/// <summary>
/// The LISTEN/NOTIFY channel of one outbox schema: <c>ordinavo_webhooks_</c> followed by the schema name (its case kept,
/// since the schema name is always quoted), so that every node on the same schema, and only those, share it.
/// </summary>
internal sealed class PostgreSqlNotificationChannel
{
    /// <summary>The prefix of every channel name.</summary>
    public const string Prefix = "ordinavo_webhooks_";

    /// <summary>PostgreSQL's longest identifier (NAMEDATALEN - 1 bytes); <c>pg_notify</c> refuses longer channel names.</summary>
    private const int MaxLength = 63;

    /// <summary>Hex digits of the schema name's SHA-256 that end a shortened name, so that long schema names sharing a prefix still get channels of their own.</summary>
    private const int HashLength = 8;

    public PostgreSqlNotificationChannel(string schemaName)
    {
        ArgumentException.ThrowIfNullOrEmpty(schemaName);
        Name = Prefix.Length + schemaName.Length <= MaxLength
            ? Prefix + schemaName
            : Prefix + schemaName[..(MaxLength - Prefix.Length - HashLength - 1)] + "_" + Hash(schemaName);

        // The schema name is an identifier of letters, digits and underscores, so the channel name needs no escaping.
        ListenSql = $"LISTEN \"{Name}\"";
    }

    /// <summary>The channel name (at most 63 ASCII characters).</summary>
    public string Name { get; }

    /// <summary>The statement that starts listening on the channel (quoted: the name keeps its case).</summary>
    public string ListenSql { get; }

    /// <summary>A <c>pg_notify</c> call on the channel whose payload is the SQL expression <paramref name="payload"/> (a parameter placeholder).</summary>
    public string Notify(string payload) => $"pg_notify('{Name}', {payload})";

    private static string Hash(string schemaName) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(schemaName)))[..HashLength];
}
