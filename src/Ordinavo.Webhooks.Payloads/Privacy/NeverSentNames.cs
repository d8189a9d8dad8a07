using System.Collections.Generic;

namespace Ordinavo.Webhooks.Payloads;

/// <summary>
/// The never-on-the-wire list (wire contract section 2, "Never sent" in the privacy documentation) as JSON property
/// names: the input fields the builder never sends, and the common names of the same data. The body types have no
/// field for any of them; this one list is what the tests check every built body against and what the published JSON
/// Schemas reject in every section.
/// </summary>
internal static class NeverSentNames
{
    /// <summary>Every name, in camelCase as a body would spell it.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        // Secrets and access data.
        "apiKey",
        "secret",
        "accessCode",
        // Internal notes of the tenant's staff, on any record.
        "internalNotes",
        // Coordinates: a body only says whether they exist (hasCoordinates).
        "latitude",
        "longitude",
        "coordinates",
        // Street addresses and postal codes of sites.
        "street",
        "postalCode",
        "address",
        // Contact data beyond the display name.
        "email",
        "phone",
        // Full free text (a report summary travels only as the redacted summaryPreview, on request).
        "summary",
        "description",
        "cancellationComment",
        // Names of Ordinavo's employees.
        "assignedEmployeeName",
        "employeeName",
        // Commercial figures: a billing trigger is not an invoice.
        "price",
        "netAmount",
        "tax",
        "taxRate",
        "taxAmount",
        "totalAmount",
        "grossTotal",
        "currency",
        "invoiceNumber",
        // Customer numbers stored on imported jobs: customerNumber comes from the customer record only.
        "legacyCustomerNumber",
        // The IDs of every connected system: a body shows only the subscription's own system's externalId.
        "externalIds",
    ];
}
