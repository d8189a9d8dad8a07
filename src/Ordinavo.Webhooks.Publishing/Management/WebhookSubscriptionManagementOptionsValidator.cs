using System;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>Checks the managed subscriptions' options and that Data Protection is registered, when the host starts.</summary>
internal sealed class WebhookSubscriptionManagementOptionsValidator(IServiceProviderIsService services) : IValidateOptions<WebhookSubscriptionManagementOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookSubscriptionManagementOptions options)
    {
        if (!services.IsService(typeof(IDataProtectionProvider)))
        {
            return ValidateOptionsResult.Fail(
                "Managed webhook subscriptions keep their secrets encrypted with ASP.NET Core Data Protection, and none is registered. " +
                "Call services.AddDataProtection() (package Microsoft.AspNetCore.DataProtection) with a key ring every node shares, " +
                "for example .PersistKeysToFileSystem(...) or .PersistKeysToDbContext<T>(), and .SetApplicationName(...).");
        }

        if (options.CacheDuration < TimeSpan.Zero || options.CacheDuration > TimeSpan.FromMinutes(5))
        {
            return ValidateOptionsResult.Fail("WebhookSubscriptionManagementOptions.CacheDuration must be between 0 and 5 minutes (changes must reach every node quickly).");
        }

        if (options.DefaultGracePeriod < TimeSpan.Zero || options.MaxGracePeriod < options.DefaultGracePeriod)
        {
            return ValidateOptionsResult.Fail("WebhookSubscriptionManagementOptions.DefaultGracePeriod must be between 0 and MaxGracePeriod.");
        }

        if (options.MaxSubscriptionsPerTenant is < 1 or > 10_000)
        {
            return ValidateOptionsResult.Fail("WebhookSubscriptionManagementOptions.MaxSubscriptionsPerTenant must be between 1 and 10,000.");
        }

        return ValidateOptionsResult.Success;
    }
}
