using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Configuration;
using Ordinavo.Webhooks.Payloads;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Subscriptions read once from an <see cref="IConfiguration"/> section, for simple hosts. The section holds one child per
/// subscription (an array, or children named by id):
/// <code>
/// "Subscriptions": [ { "Id": "erp", "TenantId": "tenant-123", "EndpointUrl": "https://erp.example/hooks",
///   "Secrets": [ "whsec_..." ], "EventTypes": [ "visit_report.*" ], "SourceSystem": "logistics_erp",
///   "StandardWebhooksHeaders": false, "Enabled": true,
///   "PayloadOptions": { "IncludeContactDetails": false } } ]
/// </code>
/// Disabling (410, failing too long) is kept in memory. Secret values never appear in errors or logs.
/// </summary>
public sealed class ConfigurationWebhookSubscriptionStore : InMemoryWebhookSubscriptionStore
{
    /// <summary>Reads and validates the subscriptions of <paramref name="section"/>.</summary>
    /// <exception cref="WebhookPublishingException">A subscription is invalid (the message names it and the field, not the value).</exception>
    public ConfigurationWebhookSubscriptionStore(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        SectionPath = (section as IConfigurationSection)?.Path;
        foreach (var child in section.GetChildren())
        {
            Upsert(Read(child));
        }
    }

    /// <summary>The configuration path the subscriptions were read from, when the section has one.</summary>
    internal string? SectionPath { get; }

    private static WebhookSubscription Read(IConfigurationSection child)
    {
        var id = child["Id"];
        if (string.IsNullOrWhiteSpace(id))
        {
            id = int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? null : child.Key;
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            throw Invalid($"The subscription at configuration key '{child.Path}' has no Id.");
        }

        var endpointText = child["EndpointUrl"];
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint))
        {
            throw Invalid($"Subscription '{id}' needs an absolute EndpointUrl.");
        }

        var secretValues = Values(child.GetSection("Secrets"));
        if (child["Secret"] is { Length: > 0 } single)
        {
            secretValues.Add(single);
        }

        var secrets = new List<WebhookSecret>();
        for (var i = 0; i < secretValues.Count; i++)
        {
            if (!WebhookSecret.TryParse(secretValues[i], out var secret, out var reason) || secret is null)
            {
                throw Invalid($"Subscription '{id}' has an invalid secret (number {i + 1}): {reason}.");
            }

            secrets.Add(secret);
        }

        WebhookEventFilter filter;
        try
        {
            filter = new WebhookEventFilter(Values(child.GetSection("EventTypes")));
        }
        catch (ArgumentException ex)
        {
            throw new WebhookPublishingException(WebhookPublishingErrorReason.InvalidSubscription, $"Subscription '{id}': {ex.Message}", ex);
        }

        var optionsSection = child.GetSection("PayloadOptions");
        var options = new WebhookPayloadOptions
        {
            IncludeCustomerContext = Bool(optionsSection, "IncludeCustomerContext", true, id),
            IncludeContactDetails = Bool(optionsSection, "IncludeContactDetails", true, id),
            IncludeSummaryPreview = Bool(optionsSection, "IncludeSummaryPreview", false, id),
            IncludeBillingDetails = Bool(optionsSection, "IncludeBillingDetails", false, id),
            SummaryPreviewMaxLength = Int(optionsSection, "SummaryPreviewMaxLength", WebhookPayloadOptions.DefaultSummaryPreviewMaxLength, id),
        };

        var enabled = Bool(child, "Enabled", true, id);
        return new WebhookSubscription
        {
            Id = id,
            TenantId = child["TenantId"] ?? string.Empty,
            EndpointUrl = endpoint,
            Secrets = secrets,
            EventFilter = filter,
            SourceSystem = string.IsNullOrWhiteSpace(child["SourceSystem"]) ? null : child["SourceSystem"],
            PayloadOptions = options,
            StandardWebhooksHeaders = Bool(child, "StandardWebhooksHeaders", false, id),
            IsEnabled = enabled,
            DisabledReason = enabled ? null : WebhookSubscriptionDisabledReason.Manual,
        };
    }

    private static List<string> Values(IConfigurationSection section)
    {
        var values = section.GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToList();
        if (values.Count == 0 && !string.IsNullOrWhiteSpace(section.Value))
        {
            values.AddRange(section.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return values;
    }

    private static bool Bool(IConfiguration section, string key, bool fallback, string id)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return bool.TryParse(text, out var value) ? value : throw Invalid($"Subscription '{id}': {key} must be true or false.");
    }

    private static int Int(IConfiguration section, string key, int fallback, string id)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid($"Subscription '{id}': {key} must be a whole number.");
    }

    private static WebhookPublishingException Invalid(string message) =>
        new(WebhookPublishingErrorReason.InvalidSubscription, message);
}
