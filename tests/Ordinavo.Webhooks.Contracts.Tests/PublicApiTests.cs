using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Contracts.Tests;

public class PublicApiTests
{
    [Fact]
    public void Public_api_of_the_contracts_package_is_approved()
    {
        Snapshot.MatchText(PublicApi.Dump(typeof(WebhookEvent).Assembly), "PublicApi");
    }
}
