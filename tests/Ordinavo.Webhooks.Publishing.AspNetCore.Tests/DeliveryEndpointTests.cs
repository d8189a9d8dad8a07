namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests;

/// <summary>The delivery endpoints over the real SQLite outbox and delivery worker, with a real receiver (<see cref="PostgreSqlOutboxTests"/> runs them on PostgreSQL).</summary>
public sealed class DeliveryEndpointTests
{
    [Theory]
    [MemberData(nameof(SubscriptionStores.All), MemberType = typeof(SubscriptionStores))]
    public Task Deliveries_are_paged_filtered_shown_with_attempts_and_redelivered(string store) =>
        PagedFilteredShownAndRedeliveredAsync(new AdminHostOptions { SubscriptionStore = store });

    internal static async Task PagedFilteredShownAndRedeliveredAsync(AdminHostOptions options)
    {
        await using var receiver = await CaptureReceiver.StartAsync();
        receiver.ResponseBody = "{\"handledBy\":\"erp-7\"}";
        await using var host = await AdminTestHost.StartAsync(options);
        var client = host.Client("tenant-a");
        var id = (string)(await client.CreateAsync(AdminApi.Subscription(receiver.Endpoint, "target.*")))["subscription"]!["id"]!;
        var events = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            events.Add(await Events.PublishAsync(host, "tenant-a", i));
        }

        await Events.EventuallyAsync(client, "deliveries?state=Succeeded", d => d["items"]!.AsArray().Count == 3);

        // Keyset pages of two.
        var first = await (await client.GetAsync("deliveries?limit=2")).ReadObjectAsync();
        Assert.Equal(2, first["items"]!.AsArray().Count);
        var second = await (await client.GetAsync($"deliveries?limit=2&after={(string)first["nextAfter"]!}")).ReadObjectAsync();
        Assert.Single(second["items"]!.AsArray());
        Assert.Null(second["nextAfter"]);
        Assert.Equal(events, first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(d => (string)d!["eventId"]!));

        // Filters.
        var byEvent = await (await client.GetAsync($"deliveries?eventId={events[1]}&subscriptionId={id}")).ReadObjectAsync();
        var delivery = Assert.Single(byEvent["items"]!.AsArray())!.AsObject();
        Assert.Equal("Succeeded", (string)delivery["state"]!);
        Assert.Empty((await (await client.GetAsync("deliveries?state=DeadLettered")).ReadObjectAsync())["items"]!.AsArray());
        Assert.Empty((await (await client.GetAsync($"deliveries?createdBefore={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}")).ReadObjectAsync())["items"]!.AsArray());

        // One delivery with its attempt and what the receiver answered.
        var deliveryId = (string)delivery["id"]!;
        var details = await (await client.GetAsync($"deliveries/{deliveryId}")).ReadObjectAsync();
        var attempt = Assert.Single(details["attempts"]!.AsArray())!;
        Assert.Equal(200, (int)attempt["statusCode"]!);
        Assert.Equal("{\"handledBy\":\"erp-7\"}", (string)attempt["responseBody"]!);
        Assert.Equal("None", (string)attempt["errorKind"]!);

        // Redeliver: a second attempt of the same event.
        using var redeliver = await client.PostAsync($"deliveries/{deliveryId}/redeliver", null);
        Assert.Equal(HttpStatusCode.OK, redeliver.StatusCode);
        Assert.Equal(1, (int)(await redeliver.ReadObjectAsync())["requeued"]!);
        var again = await Events.EventuallyAsync(client, $"deliveries/{deliveryId}",
            d => d["attempts"]!.AsArray().Count == 2 && (string)d["delivery"]!["state"]! == "Succeeded");
        Assert.Equal(2, receiver.Requests.Count(r => r.Headers["X-Ordinavo-Event-Id"] == events[1]));
        Assert.NotEqual((string)again["attempts"]![0]!["attemptId"]!, (string)again["attempts"]![1]!["attemptId"]!);

        // Health and queue.
        var health = await (await client.GetAsync($"subscriptions/{id}/health")).ReadObjectAsync();
        Assert.Equal(3, (long)health["delivered"]!);
        Assert.Equal(0, (long)health["pending"]!);
        Assert.Equal(0, (long)health["failed"]!);
        Assert.Equal(0, (long)health["deadLettered"]!);
        Assert.NotNull(health["lastSuccessAt"]);
        Assert.Null(health["failingSince"]);
        Assert.Equal(TimeSpan.FromHours(24), (DateTimeOffset)health["windowBefore"]! - (DateTimeOffset)health["windowFrom"]!);
        Assert.False((bool)health["truncated"]!);
        var queue = await (await client.GetAsync("queue")).ReadObjectAsync();
        Assert.Equal(0, (long)queue["pending"]!);

        // Statistics: the last 24 hours hour by hour; all three deliveries succeeded in the last hour.
        var statistics = await (await client.GetAsync("statistics")).ReadObjectAsync();
        Assert.Equal(3600, (long)statistics["bucketSeconds"]!);
        var counts = Assert.Single(statistics["subscriptions"]!.AsArray())!;
        Assert.Equal(id, (string)counts["subscriptionId"]!);
        Assert.Equal(3, (long)counts["delivered"]!);
        var buckets = counts["buckets"]!.AsArray();
        Assert.Equal(24, buckets.Count);
        Assert.Equal(3, (long)buckets[23]!["delivered"]!);
        var twoHours = await (await client.GetAsync($"statistics?hours=2&subscriptionId={id}")).ReadObjectAsync();
        Assert.Equal(2, twoHours["subscriptions"]![0]!["buckets"]!.AsArray().Count);
        var invalid = await (await client.GetAsync("statistics?hours=169")).ReadProblemAsync(HttpStatusCode.BadRequest, WebhookAdminProblemTypes.Validation);
        Assert.NotNull(invalid["errors"]!["hours"]);
    }

    [Theory]
    [MemberData(nameof(SubscriptionStores.All), MemberType = typeof(SubscriptionStores))]
    public Task A_failing_delivery_shows_in_the_queue_and_the_health_with_the_receivers_answer(string store) =>
        FailingDeliveryShownAsync(new AdminHostOptions { SubscriptionStore = store });

    internal static async Task FailingDeliveryShownAsync(AdminHostOptions options)
    {
        await using var receiver = await CaptureReceiver.StartAsync();
        receiver.Status = 503;
        receiver.ResponseBody = "{\"error\":\"maintenance\"}";
        await using var host = await AdminTestHost.StartAsync(options);
        var client = host.Client("tenant-a");
        var id = (string)(await client.CreateAsync(AdminApi.Subscription(receiver.Endpoint)))["subscription"]!["id"]!;
        await Events.PublishAsync(host, "tenant-a");

        // The retry is an hour away: the delivery stays pending and is not due.
        var health = await Events.EventuallyAsync(client, $"subscriptions/{id}/health", h => (long)h["failed"]! == 1 && (long)h["due"]! == 0 && h["failingSince"] is not null);
        Assert.Equal(1, (long)health["pending"]!);
        Assert.Equal(0, (long)health["delivered"]!);
        Assert.Null(health["lastSuccessAt"]);
        var queue = await (await client.GetAsync("queue")).ReadObjectAsync();
        Assert.Equal(1, (long)queue["pending"]!);
        Assert.Equal(0, (long)queue["due"]!);

        var pending = Assert.Single((await (await client.GetAsync("deliveries?state=Pending")).ReadObjectAsync())["items"]!.AsArray())!;
        var details = await (await client.GetAsync($"deliveries/{(string)pending["id"]!}")).ReadObjectAsync();
        Assert.Equal("{\"error\":\"maintenance\"}", (string)details["attempts"]![0]!["responseBody"]!);
    }

    [Theory]
    [MemberData(nameof(SubscriptionStores.All), MemberType = typeof(SubscriptionStores))]
    public Task Dead_letters_of_a_window_are_delivered_again_after_the_subscription_is_enabled(string store) =>
        DeadLettersRecoveredAsync(new AdminHostOptions { SubscriptionStore = store });

    internal static async Task DeadLettersRecoveredAsync(AdminHostOptions options)
    {
        await using var receiver = await CaptureReceiver.StartAsync();
        receiver.Status = 410; // Gone: dead-lettered at once and the subscription disabled.
        await using var host = await AdminTestHost.StartAsync(options);
        var client = host.Client("tenant-a");
        var id = (string)(await client.CreateAsync(AdminApi.Subscription(receiver.Endpoint)))["subscription"]!["id"]!;
        var eventId = await Events.PublishAsync(host, "tenant-a");

        var health = await Events.EventuallyAsync(client, $"subscriptions/{id}/health", h => (long)h["deadLettered"]! == 1 && !(bool)h["isEnabled"]!);
        Assert.Equal("EndpointGone", (string)health["disabledReason"]!);
        var deadLetter = Assert.Single((await (await client.GetAsync("deliveries?state=DeadLettered")).ReadObjectAsync())["items"]!.AsArray())!;
        Assert.Equal("EndpointGone", (string)deadLetter["deadLetterReason"]!);

        receiver.Status = 200;
        using var enable = await client.PostAsync($"subscriptions/{id}/enable", null);
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);

        // A window that does not hold the dead letter requeues nothing.
        var past = DateTimeOffset.UtcNow.AddDays(-2);
        using var none = await client.PostAsync($"subscriptions/{id}/redeliver-dead-letters",
            AdminApi.Json(new JsonObject { ["createdFrom"] = past.ToString("O"), ["createdBefore"] = past.AddHours(1).ToString("O") }));
        Assert.Equal(0, (int)(await none.ReadObjectAsync())["requeued"]!);

        using var recovered = await client.PostAsync($"subscriptions/{id}/redeliver-dead-letters",
            AdminApi.Json(new JsonObject { ["createdFrom"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("O"), ["createdBefore"] = DateTimeOffset.UtcNow.AddHours(1).ToString("O") }));
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal(1, (int)(await recovered.ReadObjectAsync())["requeued"]!);

        await Events.EventuallyAsync(client, $"deliveries?eventId={eventId}", d => (string)d["items"]![0]!["state"]! == "Succeeded");
        Assert.Equal(2, receiver.Requests.Count);
    }

    [Fact]
    public async Task A_window_that_ends_before_it_starts_is_a_400()
    {
        await using var host = await AdminTestHost.StartAsync();
        var client = host.Client("tenant-a");
        var id = (string)(await client.CreateAsync(AdminApi.Subscription(new Uri("https://erp.example.com/hooks"))))["subscription"]!["id"]!;
        var now = DateTimeOffset.UtcNow;
        using var response = await client.PostAsync($"subscriptions/{id}/redeliver-dead-letters",
            AdminApi.Json(new JsonObject { ["createdFrom"] = now.ToString("O"), ["createdBefore"] = now.AddHours(-1).ToString("O") }));
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, WebhookAdminProblemTypes.Validation);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("createdBefore"));
    }
}
