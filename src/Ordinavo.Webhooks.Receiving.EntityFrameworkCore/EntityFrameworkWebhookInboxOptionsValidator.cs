using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore;

/// <summary>
/// Checks the inbox options of the receivers that use <typeparamref name="TContext"/> when the host starts: the
/// retention against the publisher's retry window, the purge settings, and that the context's model maps the inbox and
/// its provider is SQLite or PostgreSQL (or explicitly allowed). Each message names the fix.
/// </summary>
/// <typeparam name="TContext">The integrator's context.</typeparam>
internal sealed class EntityFrameworkWebhookInboxOptionsValidator<TContext>(IServiceScopeFactory scopeFactory, string receiver)
    : IValidateOptions<EntityFrameworkWebhookInboxOptions>
    where TContext : DbContext
{
    public ValidateOptionsResult Validate(string? name, EntityFrameworkWebhookInboxOptions options)
    {
        if (!string.Equals(name ?? string.Empty, receiver, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        if (options.PublisherRetryWindow <= TimeSpan.Zero)
        {
            failures.Add("EntityFrameworkWebhookInboxOptions.PublisherRetryWindow must be positive (default 4 days).");
        }

        if (options.Retention <= options.PublisherRetryWindow)
        {
            failures.Add(
                $"EntityFrameworkWebhookInboxOptions.Retention ({options.Retention}) must be longer than the publisher's retry window " +
                $"({options.PublisherRetryWindow}); otherwise a retried event could be handled twice. Raise Retention (default 30 days).");
        }

        if (options.PurgeInterval < TimeSpan.Zero)
        {
            failures.Add("EntityFrameworkWebhookInboxOptions.PurgeInterval must be positive, or zero to turn the purge off.");
        }

        if (options.PurgeBatchSize is < 1 or > 100_000)
        {
            failures.Add("EntityFrameworkWebhookInboxOptions.PurgeBatchSize must be between 1 and 100,000 (default 1,000).");
        }

        try
        {
            using var scope = scopeFactory.CreateScope();
            var context = scope.ServiceProvider.GetService<TContext>()
                ?? throw new InvalidOperationException(
                    $"{typeof(TContext).Name} is not registered. Register it with services.AddDbContext<{typeof(TContext).Name}>(...) before UseEntityFrameworkInbox<{typeof(TContext).Name}>().");
            InboxSql.DialectOf(context, options.AllowOtherProviders);
        }
        catch (InvalidOperationException ex)
        {
            failures.Add(ex.Message);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
