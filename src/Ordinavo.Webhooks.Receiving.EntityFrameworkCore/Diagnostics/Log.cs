using System;
using Microsoft.Extensions.Logging;

namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore;

/// <summary>Source-generated log messages of the EF Core inbox: counts, names and times only.</summary>
internal static partial class Log
{
    [LoggerMessage(101, LogLevel.Information, "Webhook inbox of receiver '{Receiver}': purged {Count} handled marks older than {Cutoff:O}.")]
    public static partial void Purged(ILogger logger, string receiver, int count, DateTime cutoff);

    [LoggerMessage(102, LogLevel.Warning, "Webhook inbox of receiver '{Receiver}': the purge failed; it runs again in {Interval}.")]
    public static partial void PurgeFailed(ILogger logger, Exception exception, string receiver, TimeSpan interval);
}
