namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests;

/// <summary>
/// Tenant B can neither see nor change tenant A's subscriptions or deliveries: every endpoint tried with A's ids is a
/// 404 (never a 403, never data), lists and counts hold only B's own, and A's data is unchanged afterwards.
/// </summary>
public sealed class TenantIsolationTests
{
    public static TheoryData<string, string, string, string?> EndpointsWithIds => new()
    {
        // name, method, path ({sub} = A's subscription id, {delivery} = A's delivery id), body
        { "get subscription", "GET", "subscriptions/{sub}", null },
        { "update", "PUT", "subscriptions/{sub}", "{\"endpointUrl\":\"https://b.example.com/hooks\",\"version\":1}" },
        { "delete", "DELETE", "subscriptions/{sub}", null },
        { "delete with version", "DELETE", "subscriptions/{sub}?version=1", null },
        { "disable", "POST", "subscriptions/{sub}/disable", null },
        { "enable", "POST", "subscriptions/{sub}/enable", null },
        { "rotate secret", "POST", "subscriptions/{sub}/rotate-secret", "{\"gracePeriodSeconds\":0}" },
        { "expire old secrets", "POST", "subscriptions/{sub}/expire-old-secrets", null },
        { "test event", "POST", "subscriptions/{sub}/test", null },
        { "health", "GET", "subscriptions/{sub}/health", null },
        { "statistics", "GET", "statistics?subscriptionId={sub}", null },
        { "redeliver dead letters", "POST", "subscriptions/{sub}/redeliver-dead-letters", "{\"createdFrom\":\"2000-01-01T00:00:00Z\",\"createdBefore\":\"2100-01-01T00:00:00Z\"}" },
        { "get delivery", "GET", "deliveries/{delivery}", null },
        { "redeliver", "POST", "deliveries/{delivery}/redeliver", null },
    };

    [Theory]
    [MemberData(nameof(EndpointsWithIds))]
    public async Task Another_tenants_ids_are_not_found_and_nothing_changes(string name, string method, string path, string? body)
    {
        _ = name;
        foreach (var store in SubscriptionStores.Names)
        {
            await using var world = await TwoTenants.StartAsync(store);
            using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{sub}", world.SubscriptionA, StringComparison.Ordinal).Replace("{delivery}", world.DeliveryA, StringComparison.Ordinal));
            if (body is not null)
            {
                request.Content = AdminApi.Json(body);
            }

            using var response = await world.B.SendAsync(request);

            var problem = await response.ReadProblemAsync(HttpStatusCode.NotFound, WebhookAdminProblemTypes.NotFound);
            Assert.DoesNotContain(world.EndpointA, problem.ToJsonString(), StringComparison.Ordinal);
            await world.AssertUnchangedAsync();
        }
    }

    [Theory]
    [MemberData(nameof(SubscriptionStores.All), MemberType = typeof(SubscriptionStores))]
    public async Task Lists_queries_and_counts_hold_only_the_callers_own(string store)
    {
        await using var world = await TwoTenants.StartAsync(store);

        var subscriptions = await (await world.B.GetAsync("subscriptions")).ReadObjectAsync();
        Assert.Equal([world.SubscriptionB], subscriptions["items"]!.AsArray().Select(s => (string)s!["id"]!));
        foreach (var query in new[] { "deliveries", $"deliveries?subscriptionId={world.SubscriptionA}", $"deliveries?eventId={world.EventA}", "deliveries?state=Pending" })
        {
            var page = await (await world.B.GetAsync(query)).ReadObjectAsync();
            Assert.Empty(page["items"]!.AsArray());
        }

        var queueB = await (await world.B.GetAsync("queue")).ReadObjectAsync();
        Assert.Equal(0, (long)queueB["pending"]!);
        var statisticsB = await (await world.B.GetAsync("statistics")).ReadObjectAsync();
        Assert.DoesNotContain(world.SubscriptionA, statisticsB.ToJsonString(), StringComparison.Ordinal);

        // A sees its own, with the receiver's answer.
        var queueA = await (await world.A.GetAsync("queue")).ReadObjectAsync();
        Assert.Equal(1, (long)queueA["pending"]!);
        var statisticsA = await (await world.A.GetAsync("statistics")).ReadObjectAsync();
        var countsA = Assert.Single(statisticsA["subscriptions"]!.AsArray())!;
        Assert.Equal(world.SubscriptionA, (string)countsA["subscriptionId"]!);
        Assert.Equal(1, (long)countsA["pending"]!);
        var details = await (await world.A.GetAsync($"deliveries/{world.DeliveryA}")).ReadObjectAsync();
        Assert.Equal(TwoTenants.ResponseBodyA, (string)details["attempts"]![0]!["responseBody"]!);
    }

    /// <summary>
    /// Tenant A with a subscription to a receiver that answers 503 (its delivery stays pending with one attempt and
    /// the receiver's answer stored) and tenant B with a subscription of its own.
    /// </summary>
    private sealed class TwoTenants : IAsyncDisposable
    {
        public const string ResponseBodyA = "{\"tenantAOnly\":\"internal note of tenant A\"}";

        private CaptureReceiver _receiver = null!;
        private AdminTestHost _host = null!;
        private string _before = null!;

        public HttpClient A { get; private set; } = null!;

        public HttpClient B { get; private set; } = null!;

        public string SubscriptionA { get; private set; } = null!;

        public string SubscriptionB { get; private set; } = null!;

        public string EndpointA => _receiver.Endpoint.ToString();

        public string EventA { get; private set; } = null!;

        public string DeliveryA { get; private set; } = null!;

        public static async Task<TwoTenants> StartAsync(string store)
        {
            var world = new TwoTenants { _receiver = await CaptureReceiver.StartAsync() };
            world._receiver.Status = 503;
            world._receiver.ResponseBody = ResponseBodyA;
            world._host = await AdminTestHost.StartAsync(new AdminHostOptions { SubscriptionStore = store });
            world.A = world._host.Client("tenant-a");
            world.B = world._host.Client("tenant-b");
            world.SubscriptionA = (string)(await world.A.CreateAsync(AdminApi.Subscription(world._receiver.Endpoint)))["subscription"]!["id"]!;
            world.SubscriptionB = (string)(await world.B.CreateAsync(AdminApi.Subscription(new Uri("https://b.example.com/hooks"), "billing.*")))["subscription"]!["id"]!;
            world.EventA = await Events.PublishAsync(world._host, "tenant-a");
            var pending = await Events.EventuallyAsync(world.A, "deliveries", d => d["items"]!.AsArray().Count == 1 && d["items"]![0]!["lastAttemptAt"] is not null);
            world.DeliveryA = (string)pending["items"]![0]!["id"]!;
            world._before = await world.SnapshotAsync();
            return world;
        }

        public async Task AssertUnchangedAsync()
        {
            Assert.Equal(_before, await SnapshotAsync());
            Assert.Single(_receiver.Requests);
        }

        public async ValueTask DisposeAsync()
        {
            await _host.DisposeAsync();
            await _receiver.DisposeAsync();
        }

        private async Task<string> SnapshotAsync()
        {
            var subscription = await (await A.GetAsync($"subscriptions/{SubscriptionA}")).Content.ReadAsStringAsync();
            var delivery = await (await A.GetAsync($"deliveries/{DeliveryA}")).Content.ReadAsStringAsync();
            return subscription + "\n" + delivery;
        }
    }
}
