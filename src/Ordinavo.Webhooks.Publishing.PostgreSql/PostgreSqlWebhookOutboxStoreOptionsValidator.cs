using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Publishing.PostgreSql.Schema;

namespace Ordinavo.Webhooks.Publishing.PostgreSql;

/// <summary>Validates <see cref="PostgreSqlWebhookOutboxStoreOptions"/> at start (and when a store is created).</summary>
internal sealed class PostgreSqlWebhookOutboxStoreOptionsValidator : IValidateOptions<PostgreSqlWebhookOutboxStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlWebhookOutboxStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Failures(options, requireConnectionString: false);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static void ThrowIfInvalid(PostgreSqlWebhookOutboxStoreOptions options, bool requireConnectionString)
    {
        var failures = Failures(options, requireConnectionString);
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(options));
        }
    }

    private static List<string> Failures(PostgreSqlWebhookOutboxStoreOptions options, bool requireConnectionString)
    {
        var failures = new List<string>();
        if (requireConnectionString && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("PostgreSqlWebhookOutboxStoreOptions.ConnectionString is required (or give the store an NpgsqlDataSource).");
        }

        if (!PostgreSqlSchema.IsValidName(options.SchemaName))
        {
            failures.Add("PostgreSqlWebhookOutboxStoreOptions.SchemaName must be an identifier: a letter or underscore, then letters, digits or underscores, at most 63 characters, not starting with pg_.");
        }

        return failures;
    }
}
