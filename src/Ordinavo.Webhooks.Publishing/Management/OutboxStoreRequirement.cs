using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Fails the host at start when managed subscriptions that live in the outbox's database were chosen without that
/// outbox store (<typeparamref name="TOutbox"/>), with the store package's message naming the fix.
/// </summary>
internal sealed class OutboxStoreRequirement<TOutbox>(IServiceProvider services, string missingOutboxMessage) : IValidateOptions<WebhookSubscriptionManagementOptions>
    where TOutbox : class, IWebhookOutboxStore
{
    public ValidateOptionsResult Validate(string? name, WebhookSubscriptionManagementOptions options) =>
        Find(services) is null ? ValidateOptionsResult.Fail(missingOutboxMessage) : ValidateOptionsResult.Success;

    /// <summary>The chosen outbox store when it is a <typeparamref name="TOutbox"/>, else <see langword="null"/>.</summary>
    public static TOutbox? Find(IServiceProvider services)
    {
        try
        {
            return services.GetService<IWebhookOutboxStore>() as TOutbox;
        }
        catch (WebhookPublishingException exception) when (exception.Reason == WebhookPublishingErrorReason.NotConfigured)
        {
            return null;
        }
    }
}
