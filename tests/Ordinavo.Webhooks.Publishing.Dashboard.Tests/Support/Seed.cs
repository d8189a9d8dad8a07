using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Payloads;

namespace Ordinavo.Webhooks.Publishing.Dashboard.Tests.Support;

/// <summary>
/// Deliveries in every state, made by the real publisher and delivery worker against a real receiver: tenant-a's
/// <c>erp</c> subscription gets 200 (succeeded), <c>billing</c> gets 503 (pending, failing, retry in an hour),
/// <c>legacy</c> gets 503 and is then dead-lettered (disabled, its deliveries made due, enabled again); tenant-b has
/// one succeeded delivery. Each event goes to the three subscriptions of tenant-a: two target.imported, one target.updated.
/// </summary>
public sealed class Seed
{
    public const string TenantA = "tenant-a";
    public const string TenantB = "tenant-b";

    public required string Erp { get; init; }

    public required string Billing { get; init; }

    public required string Legacy { get; init; }

    public required string OtherTenantSubscription { get; init; }

    public required IReadOnlyList<string> EventIds { get; init; }

    public required IReadOnlyList<WebhookDeliveryRecord> Deliveries { get; init; }

    public required WebhookDeliveryRecord OtherTenantDelivery { get; init; }

    public IEnumerable<WebhookDeliveryRecord> Of(string subscriptionId) => Deliveries.Where(d => d.SubscriptionId == subscriptionId);

    public static async Task<Seed> CreateAsync(DashboardTestHost host, Receiver receiver)
    {
        var manager = host.Services.GetRequiredService<IWebhookSubscriptionManager>();
        var monitor = host.Services.GetRequiredService<IWebhookDeliveryMonitor>();
        var ct = CancellationToken.None;
        receiver.Answer("billing", 503);
        receiver.Answer("legacy", 503);
        var erp = await CreateAsync(manager, TenantA, receiver.Endpoint("erp"), "ERP <integration>");
        var billing = await CreateAsync(manager, TenantA, receiver.Endpoint("billing"), "Billing");
        var legacy = await CreateAsync(manager, TenantA, receiver.Endpoint("legacy"), "Legacy system");
        var other = await CreateAsync(manager, TenantB, receiver.Endpoint("other"), "Other tenant");

        var events = new List<string>
        {
            await PublishAsync(host, TenantA, WebhookEventType.TargetImported, 1),
            await PublishAsync(host, TenantA, WebhookEventType.TargetImported, 2),
            await PublishAsync(host, TenantA, WebhookEventType.TargetUpdated, 3),
        };
        await PublishAsync(host, TenantB, WebhookEventType.TargetImported, 4);

        // Every delivery attempted once: 200 succeeded, 503 pending with a retry in an hour.
        await EventuallyAsync(monitor, TenantA, all => all.Count == 9 && all.All(d => d.AttemptCount == 1 && d.LeaseOwner is null || d.State == WebhookDeliveryState.Succeeded) && all.Count(d => d.State == WebhookDeliveryState.Succeeded) == 3);

        // Legacy's deliveries become dead letters: disabled, made due, dead-lettered by the worker, enabled again.
        await manager.DisableAsync(TenantA, legacy, null, null, ct);
        foreach (var d in (await monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { TenantId = TenantA, SubscriptionId = legacy }, ct)).Items)
        {
            Assert.True(await monitor.RequeueAsync(d.Id, DateTimeOffset.UtcNow, ct));
        }

        await EventuallyAsync(monitor, TenantA, all => all.Count(d => d.State == WebhookDeliveryState.DeadLettered) == 3);
        await manager.EnableAsync(TenantA, legacy, null, null, ct);

        var deliveries = (await monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { TenantId = TenantA }, ct)).Items;
        var otherDeliveries = await EventuallyAsync(monitor, TenantB, all => all.Count == 1 && all[0].State == WebhookDeliveryState.Succeeded);
        return new Seed
        {
            Erp = erp,
            Billing = billing,
            Legacy = legacy,
            OtherTenantSubscription = other,
            EventIds = events,
            Deliveries = deliveries,
            OtherTenantDelivery = otherDeliveries[0],
        };
    }

    private static async Task<string> CreateAsync(IWebhookSubscriptionManager manager, string tenant, Uri endpoint, string description)
    {
        var issued = await manager.CreateAsync(tenant, new WebhookSubscriptionDefinition
        {
            EndpointUrl = endpoint,
            EventTypes = ["target.*"],
            Description = description,
        }, CancellationToken.None);
        return issued.Subscription.Id;
    }

    private static async Task<string> PublishAsync(DashboardTestHost host, string tenant, WebhookEventType type, long targetId)
    {
        var result = await host.Services.GetRequiredService<IWebhookPublisher>().PublishAsync(new WebhookEventInput
        {
            EventType = type,
            OccurredAt = DateTimeOffset.UtcNow,
            TenantId = tenant,
            Target = new TargetRecord { Id = targetId, TenantId = tenant, Title = "Maintenance <visit> & check" },
        }, CancellationToken.None);
        return result.EventId;
    }

    private static async Task<IReadOnlyList<WebhookDeliveryRecord>> EventuallyAsync(IWebhookDeliveryMonitor monitor, string tenant, Func<IReadOnlyList<WebhookDeliveryRecord>, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var all = (await monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { TenantId = tenant }, CancellationToken.None)).Items;
            if (condition(all))
            {
                return all;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The seeded deliveries did not reach their states: " + string.Join(", ", all.Select(d => d.ToString())));
            }

            await Task.Delay(50);
        }
    }
}
