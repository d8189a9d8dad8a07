using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Publishing.Sqlite;
using Ordinavo.Webhooks.Publishing.Sqlite.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the SQLite outbox store for the Ordinavo webhook publisher.</summary>
public static class SqliteWebhookPublisherBuilderExtensions
{
    /// <summary>
    /// Keeps the outbox in the SQLite file <paramref name="databasePath"/> (created with its folder, WAL mode, schema
    /// created and migrated at start). <see cref="SqliteWebhookOutboxStore"/> is registered as a singleton too, for the
    /// transactional outbox. Replaces any earlier store choice.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="databasePath"/> is null or empty.</exception>
    public static IWebhookPublisherBuilder UseSqliteStore(this IWebhookPublisherBuilder builder, string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        return builder.UseSqliteStore(options => options.DatabasePath = databasePath);
    }

    /// <summary>
    /// Keeps the outbox in a SQLite file configured by <paramref name="configure"/> (options validated at start).
    /// <see cref="SqliteWebhookOutboxStore"/> is registered as a singleton too, for the transactional outbox. Replaces
    /// any earlier store choice.
    /// </summary>
    public static IWebhookPublisherBuilder UseSqliteStore(this IWebhookPublisherBuilder builder, Action<SqliteWebhookOutboxStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<SqliteWebhookOutboxStoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteWebhookOutboxStoreOptions>, SqliteWebhookOutboxStoreOptionsValidator>());
        services.TryAddSingleton(sp => new SqliteWebhookOutboxStore(sp.GetRequiredService<IOptions<SqliteWebhookOutboxStoreOptions>>().Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SqliteOutboxSchemaInitializer>());
        return builder.UseStore(sp => sp.GetRequiredService<SqliteWebhookOutboxStore>());
    }
}
