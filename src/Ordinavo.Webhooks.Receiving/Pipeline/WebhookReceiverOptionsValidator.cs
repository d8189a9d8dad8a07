using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>Validates <see cref="WebhookReceiverOptions"/> at start; messages name positions and reasons, never secret values.</summary>
internal sealed class WebhookReceiverOptionsValidator(ILoggerFactory? loggerFactory = null) : IValidateOptions<WebhookReceiverOptions>
{
    private static readonly TimeSpan MaxTolerance = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, WebhookReceiverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsRegistered)
        {
            return ValidateOptionsResult.Skip;
        }

        var label = string.IsNullOrEmpty(name) ? "The webhook receiver" : $"The webhook receiver '{name}'";
        var failures = new List<string>();
        if (options.Secrets.Count == 0)
        {
            failures.Add($"{label} has no secret: add the subscription's signing secret (whsec_...) to Secrets.");
        }

        for (var i = 0; i < options.Secrets.Count; i++)
        {
            if (!WebhookSecret.TryParse(options.Secrets[i], out _, out var reason))
            {
                failures.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{label}: Secrets[{i}] is not a valid webhook secret ({reason}). A secret is 'whsec_' followed by the base64 of at least 32 bytes."));
            }
        }

        if (options.TimestampTolerance <= TimeSpan.Zero || options.TimestampTolerance > MaxTolerance)
        {
            failures.Add($"{label}: TimestampTolerance must be more than zero and at most one hour.");
        }

        if (options.MaxBodyBytes < 1 || options.MaxBodyBytes > Array.MaxLength)
        {
            failures.Add($"{label}: MaxBodyBytes must be between 1 and {Array.MaxLength}.");
        }

        if (options.InboxLeaseDuration <= TimeSpan.Zero)
        {
            failures.Add($"{label}: InboxLeaseDuration must be more than zero.");
        }

        foreach (var registration in options.Handlers)
        {
            if (!MatchesKnownType(registration.Pattern, options.CustomEventTypes))
            {
                var nearest = WebhookEventCatalog.FindNearest(registration.Pattern);
                failures.Add(
                    $"{label}: {registration.HandlerName} is registered for '{registration.Pattern}', which matches no event type of the catalog" +
                    (nearest is null ? "" : $"; did you mean '{nearest}'?") +
                    " If it is an event type of your own, add it to CustomEventTypes.");
            }
        }

        if (failures.Count == 0 && options.Handlers.Count == 0 && loggerFactory is not null)
        {
            // Valid, but nothing will process the events: say so when the application starts, not silently.
            Log.NoHandlers(loggerFactory.CreateLogger<WebhookReceiver>(), string.IsNullOrEmpty(name) ? "webhook receiver" : $"webhook receiver '{name}'");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool MatchesKnownType(string pattern, IList<string> customTypes)
    {
        if (WebhookEventCatalog.MatchesAny(pattern))
        {
            return true;
        }

        var prefix = pattern.EndsWith(".*", StringComparison.Ordinal) ? pattern[..^1] : null;
        foreach (var custom in customTypes)
        {
            if (string.Equals(custom, pattern, StringComparison.Ordinal) ||
                (prefix is not null && custom.StartsWith(prefix, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
