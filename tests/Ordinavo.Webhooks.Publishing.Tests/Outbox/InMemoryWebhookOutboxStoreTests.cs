using Ordinavo.Webhooks.Publishing.StoreConformance;

namespace Ordinavo.Webhooks.Publishing.Tests.Outbox;

public sealed class InMemoryWebhookOutboxStoreTests : WebhookOutboxStoreConformanceTests
{
    protected override Task<IWebhookOutboxStore> CreateStoreAsync() =>
        Task.FromResult<IWebhookOutboxStore>(new InMemoryWebhookOutboxStore());
}
