using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Publishing.Sqlite;

/// <summary>Validates <see cref="SqliteWebhookOutboxStoreOptions"/> at start (and when a store is created).</summary>
internal sealed class SqliteWebhookOutboxStoreOptionsValidator : IValidateOptions<SqliteWebhookOutboxStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteWebhookOutboxStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Failures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static void ThrowIfInvalid(SqliteWebhookOutboxStoreOptions options)
    {
        var failures = Failures(options);
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(options));
        }
    }

    private static List<string> Failures(SqliteWebhookOutboxStoreOptions options)
    {
        var failures = new List<string>();
        var hasPath = !string.IsNullOrWhiteSpace(options.DatabasePath);
        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        if (hasPath == hasConnectionString)
        {
            failures.Add("Set exactly one of SqliteWebhookOutboxStoreOptions.DatabasePath and ConnectionString.");
        }

        if (options.BusyTimeout <= TimeSpan.Zero)
        {
            failures.Add("SqliteWebhookOutboxStoreOptions.BusyTimeout must be positive.");
        }

        return failures;
    }
}
