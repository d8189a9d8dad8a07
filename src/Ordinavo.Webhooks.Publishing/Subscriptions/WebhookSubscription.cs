using System;
using System.Collections.Generic;
using System.Linq;
using Ordinavo.Webhooks.Payloads;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// An integrator's subscription: which events of which tenant go where, signed with which secrets, with which payload
/// options. <see cref="ToString"/> never shows the secrets.
/// </summary>
public sealed class WebhookSubscription
{
    /// <summary>The subscription id (the host's key).</summary>
    public required string Id { get; init; }

    /// <summary>The tenant whose events the subscription receives (only that tenant's).</summary>
    public required string TenantId { get; init; }

    /// <summary>The receiver's endpoint: absolute, HTTPS (plain HTTP only when the publisher options allow it).</summary>
    public required Uri EndpointUrl { get; init; }

    /// <summary>The active secrets; every attempt is signed with each of them (secret rotation). At least one.</summary>
    public required IReadOnlyList<WebhookSecret> Secrets { get; init; }

    /// <summary>Which event types the subscription receives. Default: all.</summary>
    public WebhookEventFilter EventFilter { get; init; } = WebhookEventFilter.All;

    /// <summary>The subscription's source system (for external IDs), or <see langword="null"/> for none.</summary>
    public string? SourceSystem { get; init; }

    /// <summary>The payload options (contract defaults when not set).</summary>
    public WebhookPayloadOptions PayloadOptions { get; init; } = new();

    /// <summary>Whether attempts also carry the Standard Webhooks headers (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>).</summary>
    public bool StandardWebhooksHeaders { get; init; }

    /// <summary>Whether the subscription receives events. Default <see langword="true"/>.</summary>
    public bool IsEnabled { get; init; } = true;

    /// <summary>Why it is disabled, when <see cref="IsEnabled"/> is <see langword="false"/>.</summary>
    public WebhookSubscriptionDisabledReason? DisabledReason { get; init; }

    /// <summary>When it was disabled, when known.</summary>
    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>A summary without secrets: id, tenant, endpoint host, filter, state.</summary>
    public override string ToString() =>
        $"Subscription {Id} (tenant {TenantId}, {EndpointUrl.GetLeftPart(UriPartial.Authority)}, events {EventFilter}, {(IsEnabled ? "enabled" : $"disabled: {DisabledReason}")})";

    /// <summary>Checks that the subscription is complete: id, tenant, absolute HTTP(S) endpoint, at least one secret, valid payload options.</summary>
    /// <exception cref="WebhookPublishingException">With <see cref="WebhookPublishingErrorReason.InvalidSubscription"/>, naming the field.</exception>
    public void Validate()
    {
        string? error = null;
        if (string.IsNullOrWhiteSpace(Id))
        {
            error = "The subscription has no Id.";
        }
        else if (string.IsNullOrWhiteSpace(TenantId))
        {
            error = $"Subscription '{Id}' has no TenantId.";
        }
        else if (EndpointUrl is null || !EndpointUrl.IsAbsoluteUri ||
                 (EndpointUrl.Scheme != Uri.UriSchemeHttps && EndpointUrl.Scheme != Uri.UriSchemeHttp))
        {
            error = $"Subscription '{Id}' needs an absolute http(s) EndpointUrl.";
        }
        else if (Secrets is null || Secrets.Count == 0 || Secrets.Any(s => s is null))
        {
            error = $"Subscription '{Id}' needs at least one secret.";
        }
        else if (EventFilter is null)
        {
            error = $"Subscription '{Id}' has no EventFilter.";
        }
        else if (PayloadOptions is null)
        {
            error = $"Subscription '{Id}' has no PayloadOptions.";
        }
        else if (!PayloadOptions.TryValidate(out var optionsError))
        {
            error = $"Subscription '{Id}' has invalid PayloadOptions: {optionsError}";
        }

        if (error is not null)
        {
            throw new WebhookPublishingException(WebhookPublishingErrorReason.InvalidSubscription, error);
        }
    }

    internal WebhookSubscription WithState(bool enabled, WebhookSubscriptionDisabledReason? reason, DateTimeOffset? at) => new()
    {
        Id = Id,
        TenantId = TenantId,
        EndpointUrl = EndpointUrl,
        Secrets = Secrets,
        EventFilter = EventFilter,
        SourceSystem = SourceSystem,
        PayloadOptions = PayloadOptions,
        StandardWebhooksHeaders = StandardWebhooksHeaders,
        IsEnabled = enabled,
        DisabledReason = enabled ? null : reason,
        DisabledAt = enabled ? null : at,
    };
}
