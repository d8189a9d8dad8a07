using System;
using System.Globalization;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>
/// Identifies the business entity an event is about (tenant, kind, Ordinavo id), the unit in which the receiver
/// compares <c>occurredAt</c> to detect stale events.
/// </summary>
/// <param name="TenantId">The event's tenant.</param>
/// <param name="Kind">The entity's kind, from the event type's category.</param>
/// <param name="Id">The entity's Ordinavo id, from the matching section.</param>
public readonly record struct WebhookEntityKey(string TenantId, WebhookEntityKind Kind, long Id)
{
    /// <summary>
    /// The entity <paramref name="webhookEvent"/> is about: its category's section (a <c>visit_report.*</c> event is
    /// about its <c>visitReport</c>, a <c>billing.*</c> event about its <c>billing</c> trigger, ...). Returns
    /// <see langword="false"/> for unknown categories or when the section is absent.
    /// </summary>
    /// <param name="webhookEvent">The parsed event.</param>
    /// <param name="key">The entity, when found.</param>
    public static bool TryGetFor(WebhookEvent webhookEvent, out WebhookEntityKey key)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        long? id = KindOf(webhookEvent.EventType.Category) switch
        {
            WebhookEntityKind.Target => webhookEvent.Target?.Id,
            WebhookEntityKind.Route => webhookEvent.Route?.Id,
            WebhookEntityKind.Appointment => webhookEvent.Appointment?.Id,
            WebhookEntityKind.VisitReport => webhookEvent.VisitReport?.Id,
            WebhookEntityKind.Billing => webhookEvent.Billing?.Id,
            _ => null,
        };

        if (id is { } found)
        {
            key = new WebhookEntityKey(webhookEvent.TenantId, KindOf(webhookEvent.EventType.Category), found);
            return true;
        }

        key = default;
        return false;
    }

    /// <summary>The kind of entity events of <paramref name="category"/> are about, or 0 for a category without one.</summary>
    internal static WebhookEntityKind KindOf(WebhookEventCategory category) => category switch
    {
        WebhookEventCategory.Target => WebhookEntityKind.Target,
        WebhookEventCategory.Route => WebhookEntityKind.Route,
        WebhookEventCategory.Appointment => WebhookEntityKind.Appointment,
        WebhookEventCategory.VisitReport => WebhookEntityKind.VisitReport,
        WebhookEventCategory.Billing => WebhookEntityKind.Billing,
        _ => 0,
    };

    /// <summary>A stable text form, <c>{tenant}/{kind}/{id}</c>, for storage keys.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{TenantId}/{Kind}/{Id}");
}
