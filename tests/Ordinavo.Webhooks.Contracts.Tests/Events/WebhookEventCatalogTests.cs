namespace Ordinavo.Webhooks.Contracts.Tests.Events;

public class WebhookEventCatalogTests
{
    // Contract section 1, in its order.
    private static readonly string[] ContractTypes =
    [
        "target.imported", "target.rejected", "target.updated", "target.cancelled", "target.scheduled",
        "target.completed", "target.follow_up_created", "route.suggestion.created", "route.published",
        "appointment.scheduled", "appointment.started", "appointment.completed", "appointment.problem_reported",
        "appointment.cancelled", "visit_report.created", "visit_report.submitted", "visit_report.approved",
        "visit_report.rejected", "visit_report.follow_up_required", "visit_report.problem_reported",
        "billing.event_created", "billing.event_ready", "billing.event_sent", "billing.event_failed",
    ];

    [Fact]
    public void Catalog_lists_the_24_contract_types_in_contract_order()
    {
        Assert.Equal(ContractTypes, WebhookEventCatalog.All.Select(d => d.Type.Value));
    }

    [Fact]
    public void Every_entry_is_complete_and_consistent()
    {
        foreach (var d in WebhookEventCatalog.All)
        {
            Assert.NotEqual(WebhookEventCategory.Unknown, d.Category);
            Assert.Equal(d.Type.Category, d.Category);
            Assert.StartsWith("Sent when ", d.Description, StringComparison.Ordinal);
            Assert.EndsWith(".", d.Description, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', d.Description);
            Assert.NotEqual(WebhookSections.None, d.RequiredSections);
            Assert.Equal(WebhookSections.None, d.RequiredSections & d.OptionalSections);
            Assert.Equal(d.RequiredSections | d.OptionalSections, d.Sections);
            Assert.True(d.Carries(d.RequiredSections));
            Assert.Equal(d.Type.Value, d.ToString());
            Assert.Same(d, WebhookEventCatalog.Get(d.Type));
        }
    }

    [Fact]
    public void Categories_have_the_contracts_counts()
    {
        var counts = WebhookEventCatalog.All.GroupBy(d => d.Category).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(7, counts[WebhookEventCategory.Target]);
        Assert.Equal(2, counts[WebhookEventCategory.Route]);
        Assert.Equal(5, counts[WebhookEventCategory.Appointment]);
        Assert.Equal(6, counts[WebhookEventCategory.VisitReport]);
        Assert.Equal(4, counts[WebhookEventCategory.Billing]);
    }

    [Fact]
    public void Each_type_requires_the_section_its_category_is_about()
    {
        foreach (var d in WebhookEventCatalog.All)
        {
            var main = d.Category switch
            {
                WebhookEventCategory.Target => WebhookSections.Target,
                WebhookEventCategory.Route => WebhookSections.Route,
                WebhookEventCategory.Appointment => WebhookSections.Appointment,
                WebhookEventCategory.VisitReport => WebhookSections.VisitReport,
                _ => WebhookSections.Billing,
            };
            Assert.True(d.RequiredSections.HasFlag(main), d.Type.Value);
        }
    }

    [Fact]
    public void Problems_and_rejections_require_the_problem_section()
    {
        var withProblem = WebhookEventCatalog.All.Where(d => d.RequiredSections.HasFlag(WebhookSections.Problem)).Select(d => d.Type.Value);

        Assert.Equal(["target.rejected", "appointment.problem_reported", "visit_report.problem_reported"], withProblem);
    }

    [Fact]
    public void Summary_previews_only_on_visit_reports_and_billing_only_on_billing_events()
    {
        Assert.All(WebhookEventCatalog.All, d =>
        {
            Assert.Equal(d.Category == WebhookEventCategory.VisitReport, d.Carries(WebhookSections.SummaryPreview));
            Assert.Equal(d.Category == WebhookEventCategory.Billing, d.Carries(WebhookSections.Billing));
        });
    }

    [Fact]
    public void Customer_context_is_all_or_nothing_and_optional()
    {
        Assert.All(WebhookEventCatalog.All, d =>
        {
            var context = d.Sections & WebhookSections.CustomerContext;
            Assert.True(context is WebhookSections.None or WebhookSections.CustomerContext, d.Type.Value);
            Assert.Equal(WebhookSections.None, d.RequiredSections & WebhookSections.CustomerContext);
        });
    }

    [Fact]
    public void Unknown_types_are_not_in_the_catalog()
    {
        var unknown = WebhookEventType.Parse("inventory.item_reserved");

        Assert.False(WebhookEventCatalog.TryGet(unknown, out var descriptor));
        Assert.Null(descriptor);
        Assert.False(unknown.IsKnown);
        var ex = Assert.Throws<ArgumentException>(() => WebhookEventCatalog.Get(unknown));
        Assert.Equal("type", ex.ParamName);
    }
}
