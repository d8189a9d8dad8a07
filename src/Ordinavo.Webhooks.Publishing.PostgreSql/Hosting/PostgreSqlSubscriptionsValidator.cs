using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Publishing.PostgreSql.Hosting;

/// <summary>
/// Fails the host at start when <c>UsePostgreSqlSubscriptions()</c> was chosen without the PostgreSQL outbox store: the
/// subscriptions live in the outbox's schema and announce changes on its notification channel.
/// </summary>
internal sealed class PostgreSqlSubscriptionsValidator(IServiceProvider services) : IValidateOptions<WebhookSubscriptionManagementOptions>
{
    public const string NoPostgreSqlOutbox =
        "UsePostgreSqlSubscriptions() keeps subscriptions in the PostgreSQL outbox schema, but the PostgreSQL outbox store is not chosen: " +
        "call UsePostgreSqlStore(connectionString) on the same builder (AddOrdinavoWebhookPublisher().UsePostgreSqlStore(connectionString).UsePostgreSqlSubscriptions()).";

    public ValidateOptionsResult Validate(string? name, WebhookSubscriptionManagementOptions options) =>
        FindOutbox(services) is null ? ValidateOptionsResult.Fail(NoPostgreSqlOutbox) : ValidateOptionsResult.Success;

    /// <summary>The chosen outbox store when it is the PostgreSQL one, else <see langword="null"/>.</summary>
    public static PostgreSqlWebhookOutboxStore? FindOutbox(IServiceProvider services)
    {
        try
        {
            return services.GetService<IWebhookOutboxStore>() as PostgreSqlWebhookOutboxStore;
        }
        catch (WebhookPublishingException exception) when (exception.Reason == WebhookPublishingErrorReason.NotConfigured)
        {
            return null;
        }
    }
}
