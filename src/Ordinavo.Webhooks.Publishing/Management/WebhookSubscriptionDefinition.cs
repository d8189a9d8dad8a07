using System;
using System.Collections.Generic;
using Ordinavo.Webhooks.Payloads;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// What an integration client chooses for a managed subscription: where events go, which ones, and how they look.
/// Validated by <see cref="IWebhookSubscriptionManager"/> on create and update (typed errors naming the field).
/// </summary>
public sealed class WebhookSubscriptionDefinition
{
    /// <summary>The most event type patterns a subscription may list.</summary>
    public const int MaxEventTypes = 64;

    /// <summary>The longest endpoint URL accepted.</summary>
    public const int MaxEndpointUrlLength = 2048;

    /// <summary>The longest description accepted.</summary>
    public const int MaxDescriptionLength = 256;

    /// <summary>The longest source system name accepted.</summary>
    public const int MaxSourceSystemLength = 64;

    /// <summary>The receiver's endpoint: absolute HTTPS (plain HTTP and private addresses only as the publisher's options allow).</summary>
    public required Uri EndpointUrl { get; init; }

    /// <summary>
    /// Which event types the subscription receives: event types of the catalog (<c>visit_report.approved</c>),
    /// categories (<c>visit_report.*</c>) or <c>*</c>. Empty means all.
    /// </summary>
    public IReadOnlyList<string> EventTypes { get; init; } = [];

    /// <summary>The subscription's source system (for external ids), or <see langword="null"/>.</summary>
    public string? SourceSystem { get; init; }

    /// <summary>A note for people (shown in the admin API, never logged or sent), or <see langword="null"/>.</summary>
    public string? Description { get; init; }

    /// <summary>The payload options (contract defaults when not set).</summary>
    public WebhookPayloadOptions PayloadOptions { get; init; } = new();

    /// <summary>Whether attempts also carry the Standard Webhooks headers.</summary>
    public bool StandardWebhooksHeaders { get; init; }
}
