using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Publishing;
using Ordinavo.Webhooks.Publishing.Sqlite;
using Ordinavo.Webhooks.Publishing.Sqlite.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the SQLite outbox store, and managed subscriptions in the same file, for the Ordinavo webhook publisher.</summary>
public static class SqliteWebhookPublisherBuilderExtensions
{
    private const string NoSqliteOutbox =
        "UseSqliteSubscriptions() keeps subscriptions in the SQLite outbox file, but the SQLite outbox store is not chosen: " +
        "call UseSqliteStore(path) on the same builder (AddOrdinavoWebhookPublisher().UseSqliteStore(path).UseSqliteSubscriptions()).";

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

    /// <summary>
    /// Keeps managed subscriptions in the SQLite outbox file (table <c>ordinavo_webhook_subscriptions</c>, created with the
    /// outbox schema) and registers <see cref="Ordinavo.Webhooks.Publishing.IWebhookSubscriptionManager"/>; the publisher and
    /// the delivery engine read them through a short cache (<see cref="WebhookSubscriptionManagementOptions.CacheDuration"/>,
    /// also how soon other processes sharing the file see a change). Needs <c>UseSqliteStore(...)</c> on the same builder
    /// (the host fails at start otherwise) and ASP.NET Core Data Protection (<c>services.AddDataProtection()</c>) for the
    /// secrets. Replaces any earlier subscription store choice.
    /// </summary>
    /// <param name="builder">The publisher builder.</param>
    /// <param name="configure">Sets the managed subscriptions' options (cache duration, grace periods, limits).</param>
    public static IWebhookPublisherBuilder UseSqliteSubscriptions(this IWebhookPublisherBuilder builder, Action<WebhookSubscriptionManagementOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseSubscriptionRecordStoreInOutbox<SqliteWebhookOutboxStore, SqliteWebhookSubscriptionRecordStore>(
            outbox => new SqliteWebhookSubscriptionRecordStore(outbox), NoSqliteOutbox, configure);
    }

    /// <summary>
    /// Keeps the outbox and the managed subscriptions in the SQLite file <paramref name="databasePath"/>: the same as
    /// <c>UseSqliteStore(databasePath).UseSqliteSubscriptions(configure)</c>, in one call. Needs ASP.NET Core Data
    /// Protection (<c>services.AddDataProtection()</c>) for the subscriptions' secrets.
    /// </summary>
    /// <param name="builder">The publisher builder.</param>
    /// <param name="databasePath">The SQLite file (created with its folder).</param>
    /// <param name="configure">Sets the managed subscriptions' options (cache duration, grace periods, limits).</param>
    /// <exception cref="ArgumentException"><paramref name="databasePath"/> is null or empty.</exception>
    public static IWebhookPublisherBuilder UseSqliteStoreAndSubscriptions(this IWebhookPublisherBuilder builder, string databasePath, Action<WebhookSubscriptionManagementOptions>? configure = null) =>
        builder.UseSqliteStore(databasePath).UseSqliteSubscriptions(configure);
}
