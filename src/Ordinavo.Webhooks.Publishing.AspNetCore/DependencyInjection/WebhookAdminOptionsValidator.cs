using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Publishing.AspNetCore;

/// <summary>Refuses to start without a tenant resolver.</summary>
internal sealed class WebhookAdminOptionsValidator(IWebhookAdminTenantResolver? resolver = null) : IValidateOptions<WebhookAdminOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookAdminOptions options) =>
        options.TenantResolver is null && resolver is null
            ? ValidateOptionsResult.Fail(
                "The webhook admin API has no tenant resolver. Set WebhookAdminOptions.TenantResolver in AddOrdinavoWebhookAdmin(options => ...) " +
                "or register an IWebhookAdminTenantResolver singleton.")
            : ValidateOptionsResult.Success;
}
