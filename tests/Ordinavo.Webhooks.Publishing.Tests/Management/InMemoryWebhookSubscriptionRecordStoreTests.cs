using Ordinavo.Webhooks.Publishing.Testing;

namespace Ordinavo.Webhooks.Publishing.Tests.Management;

/// <summary>The record store conformance suite on the in-memory reference store.</summary>
public sealed class InMemoryWebhookSubscriptionRecordStoreTests : WebhookSubscriptionRecordStoreConformanceTests
{
    protected override Task<IWebhookSubscriptionRecordStore> CreateStoreAsync() =>
        Task.FromResult<IWebhookSubscriptionRecordStore>(new InMemoryWebhookSubscriptionRecordStore());
}
