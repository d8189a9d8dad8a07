using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Ordinavo.Webhooks.Payloads;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>Turns stored records into the publisher's <see cref="WebhookSubscription"/> and the API's <see cref="WebhookSubscriptionInfo"/>, and back.</summary>
internal sealed class SubscriptionRecordMapper(SubscriptionSecretProtector protector)
{
    public SubscriptionSecretProtector Protector => protector;

    public static SubscriptionDocument ReadDocument(WebhookSubscriptionRecord record)
    {
        try
        {
            return JsonSerializer.Deserialize(record.Document, SubscriptionDocumentJsonContext.Default.SubscriptionDocument)
                ?? throw new JsonException("The document is null.");
        }
        catch (JsonException exception)
        {
            throw new WebhookPublishingException(WebhookPublishingErrorReason.InvalidSubscription,
                $"The stored document of subscription '{record.Id}' is not readable.", exception);
        }
    }

    public static string WriteDocument(SubscriptionDocument document) =>
        JsonSerializer.Serialize(document, SubscriptionDocumentJsonContext.Default.SubscriptionDocument);

    public static SubscriptionDocument ToDocument(WebhookSubscriptionDefinition definition, SubscriptionDocument? current)
    {
        var options = definition.PayloadOptions;
        return new SubscriptionDocument
        {
            EndpointUrl = definition.EndpointUrl.OriginalString,
            EventTypes = [.. definition.EventTypes.Select(t => t.Trim())],
            SourceSystem = definition.SourceSystem,
            Description = definition.Description,
            PayloadOptions = new SubscriptionDocumentPayloadOptions
            {
                IncludeCustomerContext = options.IncludeCustomerContext,
                IncludeContactDetails = options.IncludeContactDetails,
                IncludeSummaryPreview = options.IncludeSummaryPreview,
                IncludeBillingDetails = options.IncludeBillingDetails,
                SummaryPreviewMaxLength = options.SummaryPreviewMaxLength,
            },
            StandardWebhooksHeaders = definition.StandardWebhooksHeaders,
            Enabled = current?.Enabled ?? true,
            DisabledReason = current?.DisabledReason,
            DisabledAt = current?.DisabledAt,
            StateNote = current?.StateNote,
            StateChangedAt = current?.StateChangedAt,
            Secrets = current?.Secrets ?? [],
        };
    }

    public static WebhookSubscriptionDefinition ToDefinition(SubscriptionDocument document) => new()
    {
        EndpointUrl = new Uri(document.EndpointUrl, UriKind.Absolute),
        EventTypes = document.EventTypes,
        SourceSystem = document.SourceSystem,
        Description = document.Description,
        PayloadOptions = ToPayloadOptions(document.PayloadOptions),
        StandardWebhooksHeaders = document.StandardWebhooksHeaders,
    };

    public static WebhookSubscriptionInfo ToInfo(WebhookSubscriptionRecord record, SubscriptionDocument document, DateTimeOffset now) => new()
    {
        Id = record.Id,
        TenantId = record.TenantId,
        Definition = ToDefinition(document),
        IsEnabled = document.Enabled,
        DisabledReason = document.Enabled ? null : document.DisabledReason,
        DisabledAt = document.Enabled ? null : document.DisabledAt,
        StateNote = document.StateNote,

        // A document written before StateChangedAt existed knows only when it was disabled.
        StateChangedAt = document.StateChangedAt ?? (document.Enabled ? null : document.DisabledAt),
        Secrets = [.. ActiveSecrets(document, now).Select(s => new WebhookSecretInfo { CreatedAt = s.CreatedAt, ExpiresAt = s.ExpiresAt })],
        Version = record.Version,
        CreatedAt = record.CreatedAt,
        UpdatedAt = record.UpdatedAt,
    };

    /// <summary>
    /// The publisher's view of a record. With <paramref name="requireSecrets"/> unset (the publish path, which never
    /// signs), a subscription whose secrets cannot be decrypted is returned without secrets instead of failing the
    /// publish: its deliveries are stored and wait until the key ring is fixed, when the delivery engine (which asks
    /// with <paramref name="requireSecrets"/> set and gets the error) can sign them.
    /// </summary>
    public WebhookSubscription ToSubscription(WebhookSubscriptionRecord record, SubscriptionDocument document, DateTimeOffset now, bool requireSecrets)
    {
        IReadOnlyList<WebhookSecret> secrets;
        try
        {
            secrets = [.. ActiveSecrets(document, now).Select(s => protector.Unprotect(record.Id, s.Protected))];
        }
        catch (WebhookPublishingException) when (!requireSecrets)
        {
            secrets = [];
        }

        return new WebhookSubscription
        {
            Id = record.Id,
            TenantId = record.TenantId,
            EndpointUrl = new Uri(document.EndpointUrl, UriKind.Absolute),
            Secrets = secrets,
            EventFilter = new WebhookEventFilter(document.EventTypes),
            SourceSystem = document.SourceSystem,
            PayloadOptions = ToPayloadOptions(document.PayloadOptions),
            StandardWebhooksHeaders = document.StandardWebhooksHeaders,
            IsEnabled = document.Enabled,
            DisabledReason = document.Enabled ? null : document.DisabledReason,
            DisabledAt = document.Enabled ? null : document.DisabledAt,
        };
    }

    /// <summary>The secrets that still sign at <paramref name="now"/>, newest first (a rotation appends the new one).</summary>
    public static IEnumerable<SubscriptionDocumentSecret> ActiveSecrets(SubscriptionDocument document, DateTimeOffset now) =>
        document.Secrets.Where(s => s.ExpiresAt is null || s.ExpiresAt > now).Reverse();

    /// <summary>When the next active secret expires (the end of a cached entry's life), or <see langword="null"/>.</summary>
    public static DateTimeOffset? NextExpiry(SubscriptionDocument document, DateTimeOffset now) =>
        document.Secrets.Where(s => s.ExpiresAt > now).Select(s => s.ExpiresAt).Min();

    private static WebhookPayloadOptions ToPayloadOptions(SubscriptionDocumentPayloadOptions stored) => new()
    {
        IncludeCustomerContext = stored.IncludeCustomerContext,
        IncludeContactDetails = stored.IncludeContactDetails,
        IncludeSummaryPreview = stored.IncludeSummaryPreview,
        IncludeBillingDetails = stored.IncludeBillingDetails,
        SummaryPreviewMaxLength = stored.SummaryPreviewMaxLength,
    };
}
