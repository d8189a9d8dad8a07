using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Signing.Tests;

/// <summary>
/// The public surface, locked by an approved file. Both test projects (net10.0 build and netstandard2.0 build) compare
/// against the same file, which proves the API is the same on every target.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_api_is_unchanged() =>
        Snapshot.MatchText(PublicApi.Dump(typeof(WebhookVerifier).Assembly), "PublicApi");
}
