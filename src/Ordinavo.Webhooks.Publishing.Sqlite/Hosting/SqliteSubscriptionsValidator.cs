using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Publishing.Sqlite.Hosting;

/// <summary>
/// Fails the host at start when <c>UseSqliteSubscriptions()</c> was chosen without the SQLite outbox store: the
/// subscriptions live in the outbox's file.
/// </summary>
internal sealed class SqliteSubscriptionsValidator(IServiceProvider services) : IValidateOptions<WebhookSubscriptionManagementOptions>
{
    public const string NoSqliteOutbox =
        "UseSqliteSubscriptions() keeps subscriptions in the SQLite outbox file, but the SQLite outbox store is not chosen: " +
        "call UseSqliteStore(path) on the same builder (AddOrdinavoWebhookPublisher().UseSqliteStore(path).UseSqliteSubscriptions()).";

    public ValidateOptionsResult Validate(string? name, WebhookSubscriptionManagementOptions options) =>
        FindOutbox(services) is null ? ValidateOptionsResult.Fail(NoSqliteOutbox) : ValidateOptionsResult.Success;

    /// <summary>The chosen outbox store when it is the SQLite one, else <see langword="null"/>.</summary>
    public static SqliteWebhookOutboxStore? FindOutbox(IServiceProvider services)
    {
        try
        {
            return services.GetService<IWebhookOutboxStore>() as SqliteWebhookOutboxStore;
        }
        catch (WebhookPublishingException exception) when (exception.Reason == WebhookPublishingErrorReason.NotConfigured)
        {
            return null;
        }
    }
}
