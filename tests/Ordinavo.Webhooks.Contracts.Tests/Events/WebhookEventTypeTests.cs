using System.Reflection;

namespace Ordinavo.Webhooks.Contracts.Tests.Events;

public class WebhookEventTypeTests
{
    [Theory]
    [InlineData("visit_report.approved")]
    [InlineData("route.suggestion.created")]
    [InlineData("a")]
    [InlineData("inventory.item_reserved2")]
    [InlineData("x.1")]
    public void Well_formed_names_parse(string name)
    {
        Assert.True(WebhookEventType.IsWellFormed(name));
        Assert.True(WebhookEventType.TryParse(name, out var type));
        Assert.Equal(name, type.Value);
        Assert.Equal(name, type.ToString());
        Assert.Equal(type, WebhookEventType.Parse(name));
        Assert.Equal(type, new WebhookEventType(name));
        Assert.Equal(type, WebhookEventType.FromString(name));
        WebhookEventType implicitly = name;
        Assert.Equal(type, implicitly);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Visit_report.approved")]
    [InlineData("visit-report.approved")]
    [InlineData("visit_report..approved")]
    [InlineData("visit_report.")]
    [InlineData(".approved")]
    [InlineData("1target.imported")]
    [InlineData("_target")]
    [InlineData("target imported")]
    [InlineData("target.imported ")]
    [InlineData("target.importéd")]
    public void Malformed_names_are_rejected_with_the_right_exception(string name)
    {
        Assert.False(WebhookEventType.IsWellFormed(name));
        Assert.False(WebhookEventType.TryParse(name, out var type));
        Assert.True(type.IsEmpty);
        Assert.Throws<FormatException>(() => WebhookEventType.Parse(name));
        Assert.Throws<ArgumentException>(() => new WebhookEventType(name));
        Assert.Throws<ArgumentException>(() => { WebhookEventType implicitly = name; });
    }

    [Fact]
    public void Null_is_rejected()
    {
        Assert.False(WebhookEventType.TryParse(null, out _));
        Assert.Throws<FormatException>(() => WebhookEventType.Parse(null!));
        Assert.Throws<ArgumentNullException>(() => new WebhookEventType(null!));
    }

    [Fact]
    public void Length_is_limited_to_100_characters()
    {
        var longest = "a." + new string('b', WebhookEventType.MaxLength - 2);

        Assert.True(WebhookEventType.TryParse(longest, out _));
        Assert.False(WebhookEventType.TryParse(longest + "b", out _));
    }

    [Fact]
    public void Equality_is_ordinal_by_name_and_parsed_known_names_share_the_catalogs_string()
    {
        var parsed = WebhookEventType.Parse(new string("visit_report.approved".ToCharArray()));

        Assert.Equal(WebhookEventType.VisitReportApproved, parsed);
        Assert.True(WebhookEventType.VisitReportApproved == parsed);
        Assert.False(WebhookEventType.VisitReportApproved != parsed);
        Assert.Equal(WebhookEventType.VisitReportApproved.GetHashCode(), parsed.GetHashCode());
        Assert.True(WebhookEventType.VisitReportApproved.Equals((object)parsed));
        Assert.False(WebhookEventType.VisitReportApproved.Equals((object)"visit_report.approved"));
        Assert.Same(WebhookEventType.VisitReportApproved.Value, parsed.Value);
        Assert.NotEqual(WebhookEventType.VisitReportApproved, WebhookEventType.VisitReportRejected);
        Assert.True(parsed.IsKnown);
    }

    [Fact]
    public void Ordering_is_ordinal()
    {
        Assert.True(WebhookEventType.AppointmentCancelled < WebhookEventType.AppointmentCompleted);
        Assert.True(WebhookEventType.BillingEventSent > WebhookEventType.BillingEventReady);
        Assert.True(WebhookEventType.TargetImported <= WebhookEventType.Parse("target.imported"));
        Assert.True(WebhookEventType.TargetImported >= WebhookEventType.Parse("target.imported"));
        Assert.True(WebhookEventType.Parse("target.b") > WebhookEventType.Parse("target.a"));
        Assert.True(default(WebhookEventType) < WebhookEventType.TargetImported);

        var sorted = WebhookEventCatalog.All.Select(d => d.Type).Order().Select(t => t.Value);
        Assert.Equal(WebhookEventCatalog.All.Select(d => d.Type.Value).Order(StringComparer.Ordinal), sorted);
    }

    [Fact]
    public void Default_is_empty_unknown_and_has_no_category()
    {
        WebhookEventType none = default;

        Assert.True(none.IsEmpty);
        Assert.Equal(string.Empty, none.Value);
        Assert.Equal(string.Empty, none.ToString());
        Assert.False(none.IsKnown);
        Assert.Equal(WebhookEventCategory.Unknown, none.Category);
        Assert.Equal(0, none.GetHashCode());
        Assert.NotEqual(none, WebhookEventType.TargetImported);
        Assert.False(WebhookEventCatalog.TryGet(none, out _));
    }

    [Fact]
    public void Every_static_member_is_a_known_type_of_the_catalog()
    {
        var members = typeof(WebhookEventType)
            .GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(WebhookEventType))
            .Select(p => (WebhookEventType)p.GetValue(null)!)
            .ToArray();

        Assert.Equal(24, members.Length);
        Assert.Equal(WebhookEventCatalog.All.Select(d => d.Type).Order(), members.Order());
        Assert.All(members, t => Assert.True(t.IsKnown));
    }

    [Theory]
    [InlineData("target.follow_up_created", WebhookEventCategory.Target)]
    [InlineData("route.suggestion.created", WebhookEventCategory.Route)]
    [InlineData("appointment.cancelled", WebhookEventCategory.Appointment)]
    [InlineData("visit_report.rejected", WebhookEventCategory.VisitReport)]
    [InlineData("billing.event_failed", WebhookEventCategory.Billing)]
    [InlineData("targets.imported", WebhookEventCategory.Unknown)]
    [InlineData("visit.report", WebhookEventCategory.Unknown)]
    [InlineData("billing", WebhookEventCategory.Billing)]
    public void Category_comes_from_the_prefix(string name, WebhookEventCategory category)
    {
        Assert.Equal(category, WebhookEventType.Parse(name).Category);
    }
}
