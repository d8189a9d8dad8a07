using Microsoft.Extensions.Logging;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Diagnostics;

/// <summary>The store's log messages (source-generated). They name counts and times, never bodies or connection strings.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Webhook outbox (SQLite) ready: schema version {Version} in {DatabaseFile}.")]
    public static partial void SchemaReady(ILogger logger, int version, string databaseFile);
}
