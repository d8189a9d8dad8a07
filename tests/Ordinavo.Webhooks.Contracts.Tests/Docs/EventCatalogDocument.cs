using System.Text;
using Ordinavo.Webhooks.Contracts.Tests.Schemas;

namespace Ordinavo.Webhooks.Contracts.Tests.Docs;

/// <summary>Generates <c>docs/event-catalog.md</c> from <see cref="WebhookEventCatalog"/>.</summary>
internal static class EventCatalogDocument
{
    public const string FileName = "event-catalog.md";

    /// <summary>The example snapshots, relative to <c>docs/</c>.</summary>
    public const string SnapshotFolder = "../tests/Ordinavo.Webhooks.Contracts.Tests/Snapshots";

    private static readonly (WebhookEventCategory Category, string Title, string Intro)[] Categories =
    [
        (WebhookEventCategory.Target, "Targets", "Imported work items (jobs, orders) from the source system and their life cycle."),
        (WebhookEventCategory.Route, "Routes", "Route suggestions and routes published to an employee."),
        (WebhookEventCategory.Appointment, "Appointments", "Scheduled visits and their execution."),
        (WebhookEventCategory.VisitReport, "Visit reports", "Reports documenting a visit, and their approval."),
        (WebhookEventCategory.Billing, "Billing trigger events", "Billing trigger events for downstream billing systems. They are not invoices: no prices, taxes, totals or invoice numbers, ever."),
    ];

    public static string Generate()
    {
        var sb = new StringBuilder();
        sb.Append("# Event catalog\n\n");
        sb.Append("<!-- Generated from WebhookEventCatalog by the Contracts tests (EventCatalogDocumentTests); do not edit by hand.\n");
        sb.Append("     Regenerate with ORDINAVO_ACCEPT_SNAPSHOTS=1 dotnet test tests/Ordinavo.Webhooks.Contracts.Tests -->\n\n");
        sb.Append($"Ordinavo sends {WebhookEventCatalog.All.Count} event types (payloadVersion `{WebhookEvent.CurrentPayloadVersion}`). ");
        sb.Append("Every body carries the envelope fields `eventId`, `eventType`, `payloadVersion`, `occurredAt`, `tenantId` and `source`, ");
        sb.Append("plus the sections listed below. A section that does not apply, or that the subscription's payload options leave out, ");
        sb.Append("is absent from the body (never `null`). A receiver must accept event types and properties it does not know.\n\n");
        sb.Append("- **Required** sections are in every event of the type.\n");
        sb.Append("- **Optional** sections are included when the data exists and the payload options allow it: ");
        sb.Append("`customer` and `location` with `IncludeCustomerContext` (default on), `contact` with `IncludeContactDetails` (default on), ");
        sb.Append("`summaryPreview` only with `IncludeSummaryPreview` (default off), and `billing.details` only with `IncludeBillingDetails` ");
        sb.Append("(default off; needs the tenant's billing-webhook feature).\n");
        sb.Append("- **Schema**: JSON Schema (draft 2020-12) of the body, in [schemas/](schemas/). ");
        sb.Append("**Example**: a realistic body with the default payload options (the same data as `WebhookSamples` in Ordinavo.Webhooks.Testing).\n\n");

        sb.Append("| Event type | Category | Description | Required sections | Optional sections | Schema | Example |\n");
        sb.Append("|---|---|---|---|---|---|---|\n");
        foreach (var d in WebhookEventCatalog.All)
        {
            sb.Append($"| `{d.Type.Value}` | {CategoryName(d.Category)} | {d.Description} | {Sections(d.RequiredSections)} | {Sections(d.OptionalSections)} | ");
            sb.Append($"[schema]({SchemaLink(d.Type)}) | [example]({ExampleLink(d.Type)}) |\n");
        }

        foreach (var (category, title, intro) in Categories)
        {
            sb.Append($"\n## {title}\n\n{intro}\n");
            foreach (var d in WebhookEventCatalog.All.Where(d => d.Category == category))
            {
                sb.Append($"\n### `{d.Type.Value}`\n\n{d.Description}\n\n");
                sb.Append($"- Required: {Sections(d.RequiredSections)}\n");
                sb.Append($"- Optional: {Sections(d.OptionalSections)}\n");
                sb.Append($"- Schema: [{WebhookSchemaGenerator.FileName(d.Type)}]({SchemaLink(d.Type)})\n");
                sb.Append($"- Example: [{d.Type.Value}.verified.json]({ExampleLink(d.Type)})\n");
            }
        }

        return sb.ToString();
    }

    public static string SchemaLink(WebhookEventType type) => $"{WebhookSchemaGenerator.Directory}/{WebhookSchemaGenerator.FileName(type)}";

    public static string ExampleLink(WebhookEventType type) => $"{SnapshotFolder}/{type.Value}.verified.json";

    private static string CategoryName(WebhookEventCategory category) => category switch
    {
        WebhookEventCategory.VisitReport => "visit_report",
        _ => category.ToString().ToLowerInvariant(),
    };

    private static string Sections(WebhookSections sections)
    {
        var names = Enum.GetValues<WebhookSections>()
            .Where(s => s is not (WebhookSections.None or WebhookSections.CustomerContext) && sections.HasFlag(s))
            .Select(s => $"`{WebhookSchemaGenerator.SectionName(s)}`")
            .ToArray();
        return names.Length == 0 ? "none" : string.Join(", ", names);
    }
}
