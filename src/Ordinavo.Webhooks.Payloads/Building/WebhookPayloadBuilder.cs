using System;
using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Contracts.Serialization;

namespace Ordinavo.Webhooks.Payloads;

/// <summary>
/// Builds the webhook body one subscription may see from a <see cref="WebhookEventInput"/> and the subscription's
/// <see cref="WebhookPayloadProfile"/>. Stateless and thread-safe. Every check runs before anything is produced: a
/// refused input throws <see cref="WebhookPayloadBuildException"/> and writes nothing.
/// </summary>
/// <remarks>
/// The rules: exactly the sections the <see cref="WebhookEventCatalog"/> lists for the event type, narrowed by the
/// payload options; the external ID of the subscription's source system or none; <c>customerNumber</c> from the
/// customer record only; <c>hasCoordinates</c> instead of coordinates; a summary preview only on request, redacted and
/// shortened; billing details only when the option and the tenant's billing-webhook feature are both on; every record
/// must belong to the event's tenant.
/// </remarks>
public static class WebhookPayloadBuilder
{
    /// <summary>Builds the envelope one subscription may see.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="profile"/> is null.</exception>
    /// <exception cref="WebhookPayloadBuildException">The input or the options were refused; nothing was built.</exception>
    public static WebhookEvent Build(WebhookEventInput input, WebhookPayloadProfile profile)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(profile);

        var descriptor = CheckEnvelope(input);
        var options = CheckOptions(profile);
        CheckTenants(input);
        CheckRequiredSections(input, descriptor);

        var sections = descriptor.Sections;
        if (!options.IncludeCustomerContext)
        {
            sections &= ~(WebhookSections.Customer | WebhookSections.Location);
        }

        if (!options.IncludeContactDetails)
        {
            sections &= ~WebhookSections.Contact;
        }

        if (!options.IncludeSummaryPreview)
        {
            sections &= ~WebhookSections.SummaryPreview;
        }

        var source = string.IsNullOrWhiteSpace(profile.SourceSystem) ? null : profile.SourceSystem;
        var billingDetails = options.IncludeBillingDetails && profile.BillingWebhooksEnabled;

        return new WebhookEvent
        {
            EventId = input.EventId!,
            EventType = descriptor.Type,
            OccurredAt = input.OccurredAt.ToUniversalTime(),
            TenantId = input.TenantId,
            Customer = Has(sections, WebhookSections.Customer) && input.Customer is { } customer
                ? SectionMapper.Customer(customer, source) : null,
            Location = Has(sections, WebhookSections.Location) && input.Location is { } location
                ? SectionMapper.Location(location, source) : null,
            Contact = Has(sections, WebhookSections.Contact) && input.Contact is { } contact
                ? SectionMapper.Contact(contact, source) : null,
            Target = Has(sections, WebhookSections.Target) && input.Target is { } target
                ? SectionMapper.Target(target, source) : null,
            Appointment = Has(sections, WebhookSections.Appointment) && input.Appointment is { } appointment
                ? SectionMapper.Appointment(appointment, source) : null,
            Route = Has(sections, WebhookSections.Route) && input.Route is { } route
                ? SectionMapper.Route(route) : null,
            VisitReport = Has(sections, WebhookSections.VisitReport) && input.VisitReport is { } report
                ? SectionMapper.VisitReport(report) : null,
            Billing = Has(sections, WebhookSections.Billing) && input.Billing is { } billing
                ? SectionMapper.Billing(billing, source, billingDetails) : null,
            Problem = Has(sections, WebhookSections.Problem) && input.Problem is { } problem
                ? SectionMapper.Problem(problem) : null,
            SummaryPreview = Has(sections, WebhookSections.SummaryPreview) && input.VisitReport is { } summarized
                ? SummaryPreviewer.Create(summarized.Summary, options.SummaryPreviewMaxLength) : null,
        };
    }

    /// <summary>
    /// Builds the envelope and writes it as compact UTF-8 JSON (source-generated <see cref="WebhookJsonContext"/>) into
    /// <paramref name="destination"/>.
    /// </summary>
    /// <returns>The envelope that was written.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="WebhookPayloadBuildException">The input or the options were refused; nothing was written.</exception>
    public static WebhookEvent Write(IBufferWriter<byte> destination, WebhookEventInput input, WebhookPayloadProfile profile)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var webhookEvent = Build(input, profile);
        var writer = PooledJsonWriter.Rent(destination);
        try
        {
            JsonSerializer.Serialize(writer, webhookEvent, WebhookJsonWire.Compact.WebhookEvent);
            writer.Flush();
        }
        finally
        {
            PooledJsonWriter.Return(writer);
        }

        return webhookEvent;
    }

    /// <summary>Builds the envelope and returns it as compact UTF-8 JSON (the body of every delivery attempt).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="WebhookPayloadBuildException">The input or the options were refused.</exception>
    public static byte[] BuildUtf8Bytes(WebhookEventInput input, WebhookPayloadProfile profile) =>
        JsonSerializer.SerializeToUtf8Bytes(Build(input, profile), WebhookJsonWire.Compact.WebhookEvent);

    private static bool Has(WebhookSections sections, WebhookSections section) => (sections & section) != 0;

    private static WebhookEventDescriptor CheckEnvelope(WebhookEventInput input)
    {
        if (input.EventType.IsEmpty)
        {
            throw Invalid("The input has no event type.");
        }

        if (!WebhookEventCatalog.TryGet(input.EventType, out var descriptor))
        {
            throw new WebhookPayloadBuildException(
                WebhookPayloadBuildError.UnknownEventType,
                WebhookSections.None,
                "The event type is not one of the contract's event types, so the sections it may carry are unknown.");
        }

        if (string.IsNullOrWhiteSpace(input.TenantId))
        {
            throw Invalid("The input has no tenant id.");
        }

        if (input.OccurredAt == default)
        {
            throw Invalid("The input has no occurredAt time.");
        }

        if (input.EventId is null)
        {
            throw Invalid(
                "The input has no event id. Assign one per business event (WebhookIdentifiers.NewEventId) before building, " +
                "so that every subscription receives the same eventId.");
        }

        if (!WebhookIdentifiers.IsValidEventId(input.EventId))
        {
            throw Invalid("The input's event id is not 'evt_' followed by a 26-character ULID.");
        }

        return descriptor;
    }

    private static WebhookPayloadOptions CheckOptions(WebhookPayloadProfile profile)
    {
        var options = profile.Options ?? throw new WebhookPayloadBuildException(
            WebhookPayloadBuildError.InvalidOptions, WebhookSections.None, "The payload profile has no options.");
        if (!options.TryValidate(out var error))
        {
            throw new WebhookPayloadBuildException(WebhookPayloadBuildError.InvalidOptions, WebhookSections.None, error);
        }

        return options;
    }

    private static void CheckTenants(WebhookEventInput input)
    {
        // Every record on the input is checked, also those this event type or these options leave out: a record of
        // another tenant means the caller assembled the wrong data, and nothing may be sent.
        CheckTenant(input, input.Customer, WebhookSections.Customer);
        CheckTenant(input, input.Location, WebhookSections.Location);
        CheckTenant(input, input.Contact, WebhookSections.Contact);
        CheckTenant(input, input.Target, WebhookSections.Target);
        CheckTenant(input, input.Appointment, WebhookSections.Appointment);
        CheckTenant(input, input.Route, WebhookSections.Route);
        CheckTenant(input, input.VisitReport, WebhookSections.VisitReport);
        CheckTenant(input, input.Billing, WebhookSections.Billing);
        CheckTenant(input, input.Problem, WebhookSections.Problem);
    }

    private static void CheckTenant(WebhookEventInput input, PayloadRecord? record, WebhookSections section)
    {
        if (record is null || string.Equals(record.TenantId, input.TenantId, StringComparison.Ordinal))
        {
            return;
        }

        var name = SectionNames.Of(section);
        var message = string.IsNullOrEmpty(record.TenantId)
            ? $"The {name} record has no tenant id; tenant isolation fails closed and nothing was built."
            : $"The {name} record belongs to another tenant than the event; tenant isolation fails closed and nothing was built.";
        throw new WebhookPayloadBuildException(WebhookPayloadBuildError.TenantMismatch, section, message);
    }

    private static void CheckRequiredSections(WebhookEventInput input, WebhookEventDescriptor descriptor)
    {
        foreach (var section in SectionNames.RecordSections)
        {
            if ((descriptor.RequiredSections & section) != 0 && !HasRecord(input, section))
            {
                var name = SectionNames.Of(section);
                throw new WebhookPayloadBuildException(
                    WebhookPayloadBuildError.MissingRequiredSection,
                    section,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"Events of type '{descriptor.Type}' require the '{name}' section, but the input has no {name} record."));
            }
        }
    }

    private static bool HasRecord(WebhookEventInput input, WebhookSections section) => section switch
    {
        WebhookSections.Customer => input.Customer is not null,
        WebhookSections.Location => input.Location is not null,
        WebhookSections.Contact => input.Contact is not null,
        WebhookSections.Target => input.Target is not null,
        WebhookSections.Appointment => input.Appointment is not null,
        WebhookSections.Route => input.Route is not null,
        WebhookSections.VisitReport => input.VisitReport is not null,
        WebhookSections.Billing => input.Billing is not null,
        WebhookSections.Problem => input.Problem is not null,
        _ => true,
    };

    private static WebhookPayloadBuildException Invalid(string message) =>
        new(WebhookPayloadBuildError.InvalidInput, WebhookSections.None, message);
}
