using System;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Payloads;

/// <summary>
/// What the Ordinavo backend knows about one business event: the event itself and the records involved, as the
/// backend holds them (including what must never leave it). <see cref="WebhookPayloadBuilder"/> turns it into the body
/// one subscription may see.
/// </summary>
public sealed class WebhookEventInput
{
    /// <summary>The event type, one of the contract's types.</summary>
    public required WebhookEventType EventType { get; init; }

    /// <summary>When the business event happened.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The tenant the event belongs to; every record must belong to it too.</summary>
    public required string TenantId { get; init; }

    /// <summary>
    /// The event id (<c>evt_</c> + ULID). One business event has one id for every subscription, so the publisher
    /// assigns it once (see <see cref="WithEventId"/>) before the body is built per subscription; the builder rejects
    /// an input without one.
    /// </summary>
    public string? EventId { get; init; }

    /// <summary>The customer record.</summary>
    public CustomerRecord? Customer { get; init; }

    /// <summary>The location record.</summary>
    public LocationRecord? Location { get; init; }

    /// <summary>The contact record.</summary>
    public ContactRecord? Contact { get; init; }

    /// <summary>The target record.</summary>
    public TargetRecord? Target { get; init; }

    /// <summary>The appointment record.</summary>
    public AppointmentRecord? Appointment { get; init; }

    /// <summary>The route record.</summary>
    public RouteRecord? Route { get; init; }

    /// <summary>The visit report record.</summary>
    public VisitReportRecord? VisitReport { get; init; }

    /// <summary>The billing trigger record.</summary>
    public BillingTriggerRecord? Billing { get; init; }

    /// <summary>The problem record.</summary>
    public ProblemRecord? Problem { get; init; }

    /// <summary>Returns a copy of this input with <see cref="EventId"/> set to <paramref name="eventId"/>.</summary>
    public WebhookEventInput WithEventId(string eventId) => new()
    {
        EventType = EventType,
        OccurredAt = OccurredAt,
        TenantId = TenantId,
        EventId = eventId,
        Customer = Customer,
        Location = Location,
        Contact = Contact,
        Target = Target,
        Appointment = Appointment,
        Route = Route,
        VisitReport = VisitReport,
        Billing = Billing,
        Problem = Problem,
    };
}
