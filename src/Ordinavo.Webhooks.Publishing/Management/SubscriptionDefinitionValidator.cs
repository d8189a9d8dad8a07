using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Checks a <see cref="WebhookSubscriptionDefinition"/> before it is stored: an endpoint the delivery engine would
/// refuse, an event type the catalog does not know or invalid payload options are refused here, at the call, with
/// the field and the option to change named (never the rejected value's secrets).
/// </summary>
internal sealed class SubscriptionDefinitionValidator(IOptions<WebhookPublisherOptions> publisherOptions)
{
    public void Validate(WebhookSubscriptionDefinition? definition)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (definition is null)
        {
            Add("definition", "The subscription definition is required.");
        }
        else
        {
            ValidateEndpoint(definition.EndpointUrl, publisherOptions.Value, Add);
            ValidateEventTypes(definition.EventTypes, Add);
            if (definition.SourceSystem is { } source &&
                (source.Length == 0 || source.Length > WebhookSubscriptionDefinition.MaxSourceSystemLength || source.Any(c => c < 0x21 || c > 0x7e)))
            {
                Add("sourceSystem", $"The source system must be 1 to {WebhookSubscriptionDefinition.MaxSourceSystemLength} printable ASCII characters without spaces.");
            }

            if (definition.Description is { Length: > WebhookSubscriptionDefinition.MaxDescriptionLength })
            {
                Add("description", $"The description must be at most {WebhookSubscriptionDefinition.MaxDescriptionLength} characters.");
            }

            if (definition.PayloadOptions is null)
            {
                Add("payloadOptions", "The payload options are required.");
            }
            else if (!definition.PayloadOptions.TryValidate(out var optionsError))
            {
                Add("payloadOptions", optionsError);
            }
        }

        if (errors.Count > 0)
        {
            var fields = errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
            throw new WebhookPublishingException(fields, $"The subscription is invalid: {string.Join("; ", fields.SelectMany(f => f.Value.Select(m => $"{f.Key}: {m}")))}");
        }
    }

    /// <summary>Reports through <paramref name="add"/> (field, message) why the delivery engine would refuse <paramref name="endpoint"/> under <paramref name="options"/>.</summary>
    public static void ValidateEndpoint(Uri? endpoint, WebhookPublisherOptions options, Action<string, string> add)
    {
        const string Field = "endpointUrl";
        if (endpoint is null)
        {
            add(Field, "The endpoint URL is required.");
            return;
        }

        if (endpoint.OriginalString.Length > WebhookSubscriptionDefinition.MaxEndpointUrlLength)
        {
            add(Field, $"The endpoint URL must be at most {WebhookSubscriptionDefinition.MaxEndpointUrlLength} characters.");
            return;
        }

        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            add(Field, "The endpoint URL must be an absolute https:// URL.");
            return;
        }

        if (endpoint.Scheme == Uri.UriSchemeHttp && !options.AllowInsecureHttp)
        {
            add(Field, "The endpoint URL must use https://. Plain http:// is refused unless the publisher's option AllowInsecureHttp is set (for development).");
        }

        if (!string.IsNullOrEmpty(endpoint.UserInfo))
        {
            add(Field, "The endpoint URL must not carry credentials (user:password@).");
        }

        if (!string.IsNullOrEmpty(endpoint.Fragment))
        {
            add(Field, "The endpoint URL must not have a fragment (#...).");
        }

        if (!DestinationPolicy.TryCreate(options.AllowedDestinations, out var policy, out _))
        {
            return; // The publisher's options validator reports a bad allow-list at start.
        }

        var host = endpoint.IdnHost;
        if (policy.IsHostAllowed(host))
        {
            return;
        }

        var restricted = IPAddress.TryParse(endpoint.HostNameType == UriHostNameType.IPv6 ? host.Trim('[', ']') : host, out var address)
            ? !policy.IsAddressAllowed(address)
            : string.Equals(host.TrimEnd('.'), "localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
        if (restricted)
        {
            add(Field, "The endpoint's host is a loopback, private or otherwise restricted address. Such destinations are refused unless listed in the publisher's option AllowedDestinations.");
        }
    }

    /// <summary>Reports through <paramref name="add"/> (field, message) each pattern that matches no event type of the catalog, with the nearest known one.</summary>
    public static void ValidateEventTypes(IReadOnlyList<string>? patterns, Action<string, string> add)
    {
        const string Field = "eventTypes";
        if (patterns is null)
        {
            add(Field, "The event types are required (an empty list or [\"*\"] means all).");
            return;
        }

        if (patterns.Count > WebhookSubscriptionDefinition.MaxEventTypes)
        {
            add(Field, $"At most {WebhookSubscriptionDefinition.MaxEventTypes} event type patterns are allowed.");
            return;
        }

        foreach (var raw in patterns)
        {
            var pattern = raw?.Trim() ?? string.Empty;
            if (pattern == "*")
            {
                continue;
            }

            if (!WebhookEventCatalog.MatchesAny(pattern))
            {
                var nearest = WebhookEventCatalog.FindNearest(pattern);
                add(Field, $"'{Printable(pattern)}' matches no event type of the catalog{(nearest is null ? " (see the event catalog)" : $"; did you mean '{nearest}'?")}.");
            }
        }
    }

    private static string Printable(string value) =>
        value.Length > WebhookEventType.MaxLength || value.Any(char.IsControl) ? "(unprintable)" : value;
}
