using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests;

/// <summary>The delivery endpoints and tenant scoping with the PostgreSQL outbox (a schema per test), when a server is configured.</summary>
[RequiresPostgres]
public sealed class PostgreSqlOutboxTests
{
    private static AdminHostOptions Options => new() { Outbox = OutboxStores.PostgreSql };

    [Fact]
    public Task Deliveries_are_paged_filtered_shown_with_attempts_and_redelivered() =>
        DeliveryEndpointTests.PagedFilteredShownAndRedeliveredAsync(Options);

    [Fact]
    public Task A_failing_delivery_shows_in_the_queue_and_the_health() =>
        DeliveryEndpointTests.FailingDeliveryShownAsync(Options);

    [Fact]
    public Task Dead_letters_of_a_window_are_delivered_again() =>
        DeliveryEndpointTests.DeadLettersRecoveredAsync(Options);

    [Fact]
    public async Task Another_tenant_sees_none_of_the_deliveries_and_gets_404_for_their_ids()
    {
        await using var receiver = await CaptureReceiver.StartAsync();
        receiver.ResponseBody = "{\"tenantAOnly\":true}";
        await using var host = await AdminTestHost.StartAsync(Options);
        var a = host.Client("tenant-a");
        var b = host.Client("tenant-b");
        await a.CreateAsync(AdminApi.Subscription(receiver.Endpoint));
        var eventId = await Events.PublishAsync(host, "tenant-a");
        var page = await Events.EventuallyAsync(a, "deliveries?state=Succeeded", d => d["items"]!.AsArray().Count == 1);
        var deliveryId = (string)page["items"]![0]!["id"]!;

        Assert.Empty((await (await b.GetAsync($"deliveries?eventId={eventId}")).ReadObjectAsync())["items"]!.AsArray());
        await (await b.GetAsync($"deliveries/{deliveryId}")).ReadProblemAsync(HttpStatusCode.NotFound, WebhookAdminProblemTypes.NotFound);
        await (await b.PostAsync($"deliveries/{deliveryId}/redeliver", null)).ReadProblemAsync(HttpStatusCode.NotFound, WebhookAdminProblemTypes.NotFound);
        var details = await (await a.GetAsync($"deliveries/{deliveryId}")).ReadObjectAsync();
        Assert.Equal("{\"tenantAOnly\":true}", (string)details["attempts"]![0]!["responseBody"]!);
        Assert.Single(receiver.Requests);
    }
}
