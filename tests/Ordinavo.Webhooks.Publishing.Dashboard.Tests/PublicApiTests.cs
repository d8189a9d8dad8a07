using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Publishing.Dashboard.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void Public_api_matches_the_approved_snapshot() =>
        Snapshot.MatchText(PublicApi.Dump(typeof(WebhookDashboardOptions).Assembly), "PublicApi");
}
