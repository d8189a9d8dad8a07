using Ordinavo.Webhooks.Publishing.Testing;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Publishing.Tests.Outbox;

public sealed class InMemoryWebhookOutboxStoreTests : WebhookOutboxStoreConformanceTests
{
    protected override Task<IWebhookOutboxStore> CreateStoreAsync() =>
        Task.FromResult<IWebhookOutboxStore>(new InMemoryWebhookOutboxStore());

    /// <summary>The public API of the Ordinavo.Webhooks.Publishing.Testing package (the conformance suite).</summary>
    [Fact]
    public void Testing_package_public_api_snapshot() =>
        Snapshot.MatchText(PublicApi.Dump(typeof(WebhookOutboxStoreConformanceTests).Assembly), "TestingPublicApi");
}
