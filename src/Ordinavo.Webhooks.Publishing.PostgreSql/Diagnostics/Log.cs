using Microsoft.Extensions.Logging;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Diagnostics;

/// <summary>The store's log messages (source-generated). They name counts, times and the schema, never bodies or connection strings.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Webhook outbox (PostgreSQL) ready: schema \"{Schema}\" at version {Version}.")]
    public static partial void SchemaReady(ILogger logger, string schema, int version);
}
