using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Ordinavo.Webhooks.Publishing;
using Ordinavo.Webhooks.Publishing.PostgreSql;
using Ordinavo.Webhooks.Publishing.PostgreSql.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the PostgreSQL outbox store, and managed subscriptions in the same schema, for the Ordinavo webhook publisher.</summary>
public static class PostgreSqlWebhookPublisherBuilderExtensions
{
    private const string NoPostgreSqlOutbox =
        "UsePostgreSqlSubscriptions() keeps subscriptions in the PostgreSQL outbox schema, but the PostgreSQL outbox store is not chosen: " +
        "call UsePostgreSqlStore(connectionString) on the same builder (AddOrdinavoWebhookPublisher().UsePostgreSqlStore(connectionString).UsePostgreSqlSubscriptions()).";

    /// <summary>
    /// Keeps the outbox in PostgreSQL, connecting with <paramref name="connectionString"/>; <paramref name="configure"/>
    /// sets the schema name. The schema is created and migrated at start; a publish on any node wakes the delivery
    /// workers of all nodes (LISTEN/NOTIFY, see <see cref="PostgreSqlWebhookOutboxStoreOptions.ListenForNotifications"/>).
    /// <see cref="PostgreSqlWebhookOutboxStore"/> is registered as a singleton too, for the transactional outbox. Replaces
    /// any earlier store choice.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is null or empty.</exception>
    public static IWebhookPublisherBuilder UsePostgreSqlStore(this IWebhookPublisherBuilder builder, string connectionString, Action<PostgreSqlWebhookOutboxStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UsePostgreSqlStore(options =>
        {
            options.ConnectionString = connectionString;
            configure?.Invoke(options);
        });
    }

    /// <summary>
    /// Keeps the outbox in PostgreSQL configured entirely by <paramref name="configure"/> (for example bound from
    /// configuration; <see cref="PostgreSqlWebhookOutboxStoreOptions.ConnectionString"/> is required). Options are validated at start.
    /// </summary>
    public static IWebhookPublisherBuilder UsePostgreSqlStore(this IWebhookPublisherBuilder builder, Action<PostgreSqlWebhookOutboxStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        Register(builder, configure, requireConnectionString: true);
        builder.Services.TryAddSingleton(sp => new PostgreSqlWebhookOutboxStore(Options(sp), sp.GetService<ILoggerFactory>()));
        return builder.UseStore(sp => sp.GetRequiredService<PostgreSqlWebhookOutboxStore>());
    }

    /// <summary>
    /// Keeps the outbox in PostgreSQL through the host's <paramref name="dataSource"/> (the host keeps owning it);
    /// <paramref name="configure"/> sets the schema name. Replaces any earlier store choice.
    /// </summary>
    public static IWebhookPublisherBuilder UsePostgreSqlStore(this IWebhookPublisherBuilder builder, NpgsqlDataSource dataSource, Action<PostgreSqlWebhookOutboxStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        Register(builder, configure ?? (static _ => { }), requireConnectionString: false);
        builder.Services.TryAddSingleton(sp => new PostgreSqlWebhookOutboxStore(dataSource, Options(sp), sp.GetService<ILoggerFactory>()));
        return builder.UseStore(sp => sp.GetRequiredService<PostgreSqlWebhookOutboxStore>());
    }

    /// <summary>
    /// Keeps managed subscriptions in the PostgreSQL outbox schema (table <c>subscriptions</c>, created with the outbox
    /// schema) and registers <see cref="IWebhookSubscriptionManager"/>; the publisher and the delivery engine read them
    /// through a short cache that a change on any node drops at once, through the outbox's notification channel (see
    /// <see cref="PostgreSqlWebhookSubscriptionRecordStore"/>; with <see cref="PostgreSqlWebhookOutboxStoreOptions.ListenForNotifications"/>
    /// off, other nodes see a change within <see cref="WebhookSubscriptionManagementOptions.CacheDuration"/>). Needs
    /// <c>UsePostgreSqlStore(...)</c> on the same builder (the host fails at start otherwise) and ASP.NET Core Data
    /// Protection (<c>services.AddDataProtection()</c> with a key ring every node shares) for the secrets. Replaces any
    /// earlier subscription store choice.
    /// </summary>
    /// <param name="builder">The publisher builder.</param>
    /// <param name="configure">Sets the managed subscriptions' options (cache duration, grace periods, limits).</param>
    public static IWebhookPublisherBuilder UsePostgreSqlSubscriptions(this IWebhookPublisherBuilder builder, Action<WebhookSubscriptionManagementOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookSubscriptionChangeSource, PostgreSqlWebhookSubscriptionRecordStore>(
            sp => sp.GetRequiredService<PostgreSqlWebhookSubscriptionRecordStore>()));
        return builder.UseSubscriptionRecordStoreInOutbox<PostgreSqlWebhookOutboxStore, PostgreSqlWebhookSubscriptionRecordStore>(
            outbox => new PostgreSqlWebhookSubscriptionRecordStore(outbox), NoPostgreSqlOutbox, configure);
    }

    /// <summary>
    /// Keeps the outbox and the managed subscriptions in the PostgreSQL database of <paramref name="connectionString"/>
    /// (one schema): the same as <c>UsePostgreSqlStore(connectionString, configureStore).UsePostgreSqlSubscriptions(configureSubscriptions)</c>,
    /// in one call. Needs ASP.NET Core Data Protection (<c>services.AddDataProtection()</c> with a key ring every node
    /// shares) for the subscriptions' secrets.
    /// </summary>
    /// <param name="builder">The publisher builder.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="configureStore">Sets the outbox store's options (schema name, notifications, ...).</param>
    /// <param name="configureSubscriptions">Sets the managed subscriptions' options (cache duration, grace periods, limits).</param>
    public static IWebhookPublisherBuilder UsePostgreSqlStoreAndSubscriptions(
        this IWebhookPublisherBuilder builder,
        string connectionString,
        Action<PostgreSqlWebhookOutboxStoreOptions>? configureStore = null,
        Action<WebhookSubscriptionManagementOptions>? configureSubscriptions = null) =>
        builder.UsePostgreSqlStore(connectionString, configureStore).UsePostgreSqlSubscriptions(configureSubscriptions);

    private static void Register(IWebhookPublisherBuilder builder, Action<PostgreSqlWebhookOutboxStoreOptions> configure, bool requireConnectionString)
    {
        var services = builder.Services;
        var options = services.AddOptions<PostgreSqlWebhookOutboxStoreOptions>().Configure(configure);
        if (requireConnectionString)
        {
            options.Validate(static o => !string.IsNullOrWhiteSpace(o.ConnectionString),
                "PostgreSqlWebhookOutboxStoreOptions.ConnectionString is required (or pass an NpgsqlDataSource to UsePostgreSqlStore).");
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlWebhookOutboxStoreOptions>, PostgreSqlWebhookOutboxStoreOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgreSqlOutboxSchemaInitializer>());
    }

    private static PostgreSqlWebhookOutboxStoreOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<PostgreSqlWebhookOutboxStoreOptions>>().Value;
}
