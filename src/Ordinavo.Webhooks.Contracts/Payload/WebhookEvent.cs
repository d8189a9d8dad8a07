using System;
using System.Text.Json.Serialization;

namespace Ordinavo.Webhooks.Contracts;

/// <summary>
/// The body of a webhook (contract section 2, payload version 1.0): the envelope fields and the sections the event
/// type and the subscription's payload options allow. A section that does not apply is <see langword="null"/> and
/// absent from the JSON.
/// </summary>
public sealed record WebhookEvent
{
    /// <summary>The payload version this package writes: <c>1.0</c>.</summary>
    public const string CurrentPayloadVersion = "1.0";

    /// <summary>The value of <see cref="Source"/>: always <c>ordinavo</c>.</summary>
    public const string OrdinavoSource = "ordinavo";

    // The source-generated reader sets every init-only property, passing null for an absent one: the setters keep
    // the documented defaults, so these strings are never null.
    private readonly string _eventId = string.Empty;
    private readonly string _payloadVersion = CurrentPayloadVersion;
    private readonly string _tenantId = string.Empty;
    private readonly string _source = OrdinavoSource;

    /// <summary><c>evt_</c> + ULID; stable across retries and subscriptions: one business event has one id.</summary>
    public string EventId { get => _eventId; init => _eventId = value ?? string.Empty; }

    /// <summary>The event type, such as <c>visit_report.approved</c>.</summary>
    public WebhookEventType EventType { get; init; }

    /// <summary>The payload version, <c>1.0</c>.</summary>
    public string PayloadVersion { get => _payloadVersion; init => _payloadVersion = value ?? CurrentPayloadVersion; }

    /// <summary>When the business event happened, UTC (written with <c>Z</c>).</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The Ordinavo tenant the event belongs to.</summary>
    public string TenantId { get => _tenantId; init => _tenantId = value ?? string.Empty; }

    /// <summary>Always <c>ordinavo</c>.</summary>
    public string Source { get => _source; init => _source = value ?? OrdinavoSource; }

    /// <summary>The customer context, when the event type carries it and the subscription includes it.</summary>
    public WebhookCustomer? Customer { get; init; }

    /// <summary>The location (site), when the event type carries it and the subscription includes it.</summary>
    public WebhookLocation? Location { get; init; }

    /// <summary>The operational contact, when the event type carries it and the subscription includes it.</summary>
    public WebhookContact? Contact { get; init; }

    /// <summary>The imported target (work item).</summary>
    public WebhookTarget? Target { get; init; }

    /// <summary>The appointment (scheduled visit).</summary>
    public WebhookAppointment? Appointment { get; init; }

    /// <summary>The route.</summary>
    public WebhookRoute? Route { get; init; }

    /// <summary>The visit report.</summary>
    public WebhookVisitReport? VisitReport { get; init; }

    /// <summary>The billing trigger event (never an invoice).</summary>
    public WebhookBilling? Billing { get; init; }

    /// <summary>The reported problem or rejection reason, as codes.</summary>
    public WebhookProblem? Problem { get; init; }

    /// <summary>A shortened, redacted summary of the report; only for subscriptions that opted in.</summary>
    public WebhookSummaryPreview? SummaryPreview { get; init; }

    /// <summary>The sections this event carries (computed; not part of the JSON body).</summary>
    [JsonIgnore]
    public WebhookSections PresentSections =>
        (Customer is null ? 0 : WebhookSections.Customer) |
        (Location is null ? 0 : WebhookSections.Location) |
        (Contact is null ? 0 : WebhookSections.Contact) |
        (Target is null ? 0 : WebhookSections.Target) |
        (Appointment is null ? 0 : WebhookSections.Appointment) |
        (Route is null ? 0 : WebhookSections.Route) |
        (VisitReport is null ? 0 : WebhookSections.VisitReport) |
        (Billing is null ? 0 : WebhookSections.Billing) |
        (Problem is null ? 0 : WebhookSections.Problem) |
        (SummaryPreview is null ? 0 : WebhookSections.SummaryPreview);
}
