namespace Ordinavo.Webhooks.Publishing.Tests.Subscriptions;

public sealed class WebhookEventFilterTests
{
    [Theory]
    [InlineData(new string[0], "visit_report.approved", true)]
    [InlineData(new[] { "*" }, "billing.event_sent", true)]
    [InlineData(new[] { "visit_report.approved" }, "visit_report.approved", true)]
    [InlineData(new[] { "visit_report.approved" }, "visit_report.rejected", false)]
    [InlineData(new[] { "visit_report.*" }, "visit_report.rejected", true)]
    [InlineData(new[] { "visit_report.*" }, "appointment.completed", false)]
    [InlineData(new[] { "visit_report.*" }, "visit_report", false)]
    [InlineData(new[] { "route.*" }, "route.suggestion.created", true)]
    [InlineData(new[] { "route.suggestion.*" }, "route.published", false)]
    [InlineData(new[] { "route.*" }, "router.created", false)]
    [InlineData(new[] { "appointment.completed", "billing.*" }, "billing.event_ready", true)]
    [InlineData(new[] { "appointment.completed", "billing.*" }, "appointment.started", false)]
    [InlineData(new[] { "target.imported", "*" }, "appointment.started", true)]
    public void Matches_exact_types_prefix_wildcards_and_all(string[] patterns, string eventType, bool expected)
    {
        var filter = new WebhookEventFilter(patterns);
        Assert.Equal(expected, filter.Matches(eventType));
    }

    [Theory]
    [InlineData("")]
    [InlineData("visit_report*")]
    [InlineData("*.approved")]
    [InlineData("Visit_Report.Approved")]
    [InlineData("visit_report.**")]
    [InlineData(".*")]
    public void Malformed_patterns_are_rejected_with_a_clear_error(string pattern)
    {
        var ex = Assert.Throws<ArgumentException>(() => WebhookEventFilter.Create(pattern));
        Assert.Contains("event type pattern", ex.Message);
    }

    [Fact]
    public void All_matches_everything_and_prints_a_star()
    {
        Assert.True(WebhookEventFilter.All.MatchesAll);
        Assert.Equal("*", WebhookEventFilter.All.ToString());
        Assert.Equal("visit_report.*, billing.event_ready", WebhookEventFilter.Create("visit_report.*", "billing.event_ready").ToString());
        Assert.False(WebhookEventFilter.Create("visit_report.*").MatchesAll);
    }
}
