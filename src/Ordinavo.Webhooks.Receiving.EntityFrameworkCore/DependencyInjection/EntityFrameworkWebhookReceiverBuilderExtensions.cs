using System;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Receiving;
using Ordinavo.Webhooks.Receiving.EntityFrameworkCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Puts a receiver's inbox into the integrator's own EF Core <see cref="DbContext"/>.</summary>
public static class EntityFrameworkWebhookReceiverBuilderExtensions
{
    /// <summary>
    /// Uses the durable inbox on <typeparamref name="TContext"/>: for every event the receiver opens a transaction on the
    /// scope's context, writes the handled mark and the ordering help, runs the handlers (their <c>SaveChanges</c> join
    /// the transaction) and commits; a handler that throws rolls all of it back (500, the publisher retries). A
    /// duplicate is answered 200, a concurrent one on another replica 409 (PostgreSQL) or after the first commits
    /// (SQLite). A hosted service purges marks older than the retention.
    /// </summary>
    /// <remarks>
    /// Register the context with <c>AddDbContext&lt;TContext&gt;</c> (scoped) and map the inbox in its model with
    /// <see cref="WebhookInboxModelBuilderExtensions.AddOrdinavoWebhookInbox"/>. When the host starts, a model without
    /// the mapping, a provider other than SQLite or PostgreSQL (unless allowed) or a retention not longer than the
    /// publisher's retry window fails with a message that names the fix.
    /// </remarks>
    /// <typeparam name="TContext">The integrator's context.</typeparam>
    /// <param name="builder">The receiver builder.</param>
    /// <param name="configure">Sets retention, purge and provider options; optional.</param>
    /// <returns>The builder.</returns>
    public static IWebhookReceiverBuilder UseEntityFrameworkInbox<TContext>(this IWebhookReceiverBuilder builder, Action<EntityFrameworkWebhookInboxOptions>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = builder.Name;
        var services = builder.Services;
        var optionsBuilder = services.AddOptions<EntityFrameworkWebhookInboxOptions>(name).ValidateOnStart();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        Replace(services, typeof(IWebhookInbox), name, ServiceDescriptor.KeyedScoped<IWebhookInbox>(name, static (sp, key) =>
            new EntityFrameworkWebhookInbox<TContext>(
                sp.GetRequiredService<TContext>(),
                (string)key!,
                sp.GetRequiredService<IOptionsMonitor<EntityFrameworkWebhookInboxOptions>>().Get((string)key!),
                sp.GetRequiredService<TimeProvider>())));
        Replace(services, typeof(IWebhookOrderingStore), name, ServiceDescriptor.KeyedScoped<IWebhookOrderingStore>(name, static (sp, key) =>
            (EntityFrameworkWebhookInbox<TContext>)sp.GetRequiredKeyedService<IWebhookInbox>(key)));

        // The start-up check and the purge once per receiver, however often this is called for it.
        if (services.Any(d => d.ServiceType == typeof(Registered) && d.IsKeyedService && Equals(d.ServiceKey, name)))
        {
            return builder;
        }

        services.AddKeyedSingleton<Registered>(name);
        services.AddSingleton<IValidateOptions<EntityFrameworkWebhookInboxOptions>>(sp =>
            new EntityFrameworkWebhookInboxOptionsValidator<TContext>(sp.GetRequiredService<IServiceScopeFactory>(), name));

        services.AddSingleton<IHostedService>(sp => new WebhookInboxPurgeService<TContext>(
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<IOptionsMonitor<EntityFrameworkWebhookInboxOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WebhookInboxPurgeService<TContext>>>(),
            name));
        return builder;
    }

    /// <summary>Marks a receiver whose EF Core inbox checks and purge are registered.</summary>
    private sealed class Registered;

    private static void Replace(IServiceCollection services, Type serviceType, string name, ServiceDescriptor descriptor)
    {
        foreach (var old in services.Where(d => d.ServiceType == serviceType && d.IsKeyedService && Equals(d.ServiceKey, name)).ToList())
        {
            services.Remove(old);
        }

        services.Add(descriptor);
    }
}
