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
        (WebhookEntityKind Kind, long Id)? entity = webhookEvent.EventType.Category switch
        {
            WebhookEventCategory.Target when webhookEvent.Target is { } target => (WebhookEntityKind.Target, target.Id),
            WebhookEventCategory.Route when webhookEvent.Route is { } route => (WebhookEntityKind.Route, route.Id),
            WebhookEventCategory.Appointment when webhookEvent.Appointment is { } appointment => (WebhookEntityKind.Appointment, appointment.Id),
            WebhookEventCategory.VisitReport when webhookEvent.VisitReport is { } report => (WebhookEntityKind.VisitReport, report.Id),
            WebhookEventCategory.Billing when webhookEvent.Billing is { } billing => (WebhookEntityKind.Billing, billing.Id),
            _ => null,
        };

        if (entity is { } found)
        {
            key = new WebhookEntityKey(webhookEvent.TenantId, found.Kind, found.Id);
            return true;
        }

        key = default;
        return false;
    }

    /// <summary>A stable text form, <c>{tenant}/{kind}/{id}</c>, for storage keys.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{TenantId}/{Kind}/{Id}");
}
