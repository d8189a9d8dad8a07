using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Checks the subscriptions read from configuration against the publisher's options when the host starts: an endpoint
/// the delivery engine would refuse (plain HTTP, a loopback or private address) or an event type pattern that matches
/// nothing in the catalog (a typo) stops the host with the subscription, the field and the fix named, instead of
/// deliveries that fail for days or events that never match. A section without any subscription (often a section name
/// that differs from the configuration's) is logged as a warning once, when the host starts.
/// </summary>
internal sealed class ConfiguredSubscriptionsValidator(IWebhookSubscriptionStore store, ILoggerFactory? loggerFactory = null) : IValidateOptions<WebhookPublisherOptions>
{
    private int _emptyReported;

    public ValidateOptionsResult Validate(string? name, WebhookPublisherOptions options)
    {
        if (store is not ConfigurationWebhookSubscriptionStore subscriptions)
        {
            return ValidateOptionsResult.Success; // Another subscription store was chosen after the configuration.
        }

        var failures = new List<string>();
        foreach (var subscription in subscriptions.All.OrderBy(s => s.Id, System.StringComparer.Ordinal))
        {
            void Add(string field, string message) => failures.Add($"Subscription '{subscription.Id}' ({ConfigurationName(field)}): {message}");
            SubscriptionDefinitionValidator.ValidateEndpoint(subscription.EndpointUrl, options, Add);
            SubscriptionDefinitionValidator.ValidateEventTypes(subscription.EventFilter.Patterns, Add);
        }

        if (subscriptions.All.Count == 0 && loggerFactory is not null && Interlocked.Exchange(ref _emptyReported, 1) == 0)
        {
            Log.NoConfiguredSubscriptions(loggerFactory.CreateLogger("Ordinavo.Webhooks.Publishing.Publisher"), subscriptions.SectionPath ?? "(the section given)");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string ConfigurationName(string field) => field switch
    {
        "endpointUrl" => "EndpointUrl",
        "eventTypes" => "EventTypes",
        _ => field,
    };
}
