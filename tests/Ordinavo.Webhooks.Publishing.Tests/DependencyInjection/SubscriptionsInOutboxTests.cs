using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Publishing.Tests.DependencyInjection;

/// <summary>
/// UseSubscriptionRecordStoreInOutbox: the one helper the SQLite and PostgreSQL packages (and a store for another
/// database) use to keep subscriptions in the outbox's database. The in-memory outbox stands in for such a store here.
/// </summary>
public sealed class SubscriptionsInOutboxTests
{
    private const string Fix = "call UseInMemoryStore() on the same builder";

    [Fact]
    public async Task The_record_store_is_made_from_the_chosen_outbox_store_and_serves_the_manager()
    {
        InMemoryWebhookOutboxStore? given = null;
        using var services = Build(publisher => publisher.UseInMemoryStore(), outbox =>
        {
            given = outbox;
            return new InMemoryWebhookSubscriptionRecordStore();
        });

        Assert.NotNull(services.GetRequiredService<IOptions<WebhookSubscriptionManagementOptions>>().Value);
        var created = await services.GetRequiredService<IWebhookSubscriptionManager>().CreateAsync(
            "tenant-a", new WebhookSubscriptionDefinition { EndpointUrl = new Uri("https://erp.example.com/hooks") }, CancellationToken.None);

        Assert.Same(services.GetRequiredService<IWebhookOutboxStore>(), given);
        var records = services.GetRequiredService<InMemoryWebhookSubscriptionRecordStore>();
        Assert.Same(records, services.GetRequiredService<IWebhookSubscriptionRecordStore>());
        Assert.NotNull(await records.GetAsync(created.Subscription.Id, CancellationToken.None));
    }

    [Fact]
    public void Without_that_outbox_store_the_options_check_and_the_record_store_name_the_fix()
    {
        var made = false;
        using var services = Build(publisher => { }, _ =>
        {
            made = true;
            return new InMemoryWebhookSubscriptionRecordStore();
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<WebhookSubscriptionManagementOptions>>().Value);
        Assert.Contains(Fix, error.Message, StringComparison.Ordinal);
        Assert.Contains(Fix, Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IWebhookSubscriptionRecordStore>()).Message, StringComparison.Ordinal);
        Assert.False(made);
    }

    private static ServiceProvider Build(Action<IWebhookPublisherBuilder> outbox, Func<InMemoryWebhookOutboxStore, InMemoryWebhookSubscriptionRecordStore> records)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        var publisher = services.AddOrdinavoWebhookPublisher(o => o.EnableDeliveryWorker = false);
        outbox(publisher);
        publisher.UseSubscriptionRecordStoreInOutbox(records, $"The subscriptions live in the in-memory outbox: {Fix}.");
        return services.BuildServiceProvider();
    }
}
