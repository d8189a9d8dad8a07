using System;

namespace Ordinavo.Webhooks.Contracts;

/// <summary>
/// The <c>billing</c> section: a billing trigger event. It tells a billing system that a visit may be relevant for
/// billing; it is not an invoice and never carries prices, taxes, totals or invoice numbers.
/// </summary>
public sealed record WebhookBilling
{
    /// <summary>Ordinavo's id of the billing trigger event.</summary>
    public long Id { get; init; }

    /// <summary>The billing event's id in the subscription's source system; absent when that system has none.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The status, such as <c>Created</c>, <c>Ready</c>, <c>Sent</c>, <c>Failed</c>.</summary>
    public string? Status { get; init; }

    /// <summary>The visit report that triggered the billing event.</summary>
    public long? VisitReportId { get; init; }

    /// <summary>When the billing trigger event was created, UTC.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>For a failed hand-over: a machine-readable reason code, such as <c>billing_system_unreachable</c>.</summary>
    public string? FailureCode { get; init; }

    /// <summary>
    /// Operational billing details; only for subscriptions with <c>IncludeBillingDetails</c> whose tenant has the
    /// billing-webhook feature.
    /// </summary>
    public WebhookBillingDetails? Details { get; init; }
}
