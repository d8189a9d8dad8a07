using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Ordinavo.Webhooks.Publishing.EntityFrameworkCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds EF Core unit-of-work publishing to the Ordinavo webhook publisher.</summary>
public static class EntityFrameworkCoreWebhookPublisherBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="IWebhookDbContextPublisher"/> (a singleton): publishing inside a <c>DbContext</c>'s own
    /// transaction. Choose the SQLite or PostgreSQL outbox store on the same builder (<c>UseSqliteStore</c> with the
    /// context's database file, or <c>UsePostgreSqlStore</c> on the context's database). Safe to call more than once.
    /// </summary>
    public static IWebhookPublisherBuilder AddEntityFrameworkCore(this IWebhookPublisherBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IWebhookDbContextPublisher, WebhookDbContextPublisher>();
        return builder;
    }
}
