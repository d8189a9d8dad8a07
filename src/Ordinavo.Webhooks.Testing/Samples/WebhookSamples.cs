using System;
using System.Collections.Generic;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Testing;

/// <summary>
/// A realistic sample event for each of the 24 event types of the contract: one field-service day of tenant
/// <c>tenant-123</c> at customer 12 (Rhein-Ruhr Medical Supply), location 34 (Essen Center), contact 56 (Anna Weber),
/// around target 455 (<c>JOB-2026-000918</c>, "Maintenance visit") and visit report 901.
/// </summary>
/// <remarks>
/// <para>
/// The samples are deterministic: fixed <c>eventId</c>s (valid <c>evt_</c> ULIDs) and fixed <c>occurredAt</c> values
/// (UTC, 2026-06-15 to 2026-06-18). They are the same data as the contract snapshot tests and the JSON Schema
/// examples; <c>visit_report.approved</c> is exactly the contract's example body.
/// </para>
/// <para>
/// Each sample carries the required sections of its type and every optional section the payload options allow. The
/// one exception is <c>visit_report.approved</c>, which mirrors the contract's example and so carries no
/// <c>appointment</c>. Use <c>with</c> to vary a sample, for example
/// <c>WebhookSamples.For(WebhookEventType.VisitReportApproved) with { EventId = WebhookIdentifiers.NewEventId() }</c>.
/// </para>
/// </remarks>
public static class WebhookSamples
{
    /// <summary>The tenant of every sample.</summary>
    public const string TenantId = SampleRecords.TenantId;

    private static readonly IReadOnlyDictionary<WebhookEventType, WebhookEvent> Full = SampleEvents.Build();
    private static readonly Dictionary<WebhookEventType, WebhookEvent> Defaults = BuildDefaults();
    private static readonly WebhookEvent[] AllDefaults = BuildAll();

    /// <summary>One sample per event type of the contract, in catalog order, shaped for the default payload options.</summary>
    public static IReadOnlyList<WebhookEvent> All => AllDefaults;

    /// <summary>The sample of <paramref name="type"/>, shaped for the default payload options.</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not one of the contract's event types.</exception>
    public static WebhookEvent For(WebhookEventType type) =>
        Defaults.TryGetValue(type, out var sample) ? sample : throw Unknown(type);

    /// <summary>The sample of <paramref name="type"/>, shaped for <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not one of the contract's event types.</exception>
    public static WebhookEvent For(WebhookEventType type, WebhookSampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Full.TryGetValue(type, out var sample) ? Apply(sample, options) : throw Unknown(type);
    }

    private static WebhookEvent Apply(WebhookEvent sample, WebhookSampleOptions options) => sample with
    {
        Customer = options.IncludeCustomerContext ? sample.Customer : null,
        Location = options.IncludeCustomerContext ? sample.Location : null,
        Contact = options.IncludeContactDetails ? sample.Contact : null,
        SummaryPreview = options.IncludeSummaryPreview ? sample.SummaryPreview : null,
        Billing = sample.Billing is null || options.IncludeBillingDetails ? sample.Billing : sample.Billing with { Details = null },
    };

    private static ArgumentException Unknown(WebhookEventType type) =>
        new($"There is no sample for the event type '{type}': it is not one of the contract's event types.", nameof(type));

    private static Dictionary<WebhookEventType, WebhookEvent> BuildDefaults()
    {
        var defaults = new Dictionary<WebhookEventType, WebhookEvent>();
        foreach (var pair in Full)
        {
            defaults.Add(pair.Key, Apply(pair.Value, WebhookSampleOptions.Default));
        }

        return defaults;
    }

    private static WebhookEvent[] BuildAll()
    {
        var all = new WebhookEvent[WebhookEventCatalog.All.Count];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = Defaults[WebhookEventCatalog.All[i].Type];
        }

        return all;
    }
}
