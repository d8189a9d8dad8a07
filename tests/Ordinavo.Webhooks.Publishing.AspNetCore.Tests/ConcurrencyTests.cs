namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests;

/// <summary>Optimistic concurrency over HTTP: of several updates based on the same version, exactly one wins.</summary>
public sealed class ConcurrencyTests
{
    [Theory]
    [MemberData(nameof(SubscriptionStores.All), MemberType = typeof(SubscriptionStores))]
    public async Task Concurrent_updates_with_the_same_version_give_one_success_and_409_for_the_others(string store)
    {
        await using var host = await AdminTestHost.StartAsync(new AdminHostOptions { SubscriptionStore = store });
        var client = host.Client("tenant-a");
        var created = await client.CreateAsync(AdminApi.Subscription(new Uri("https://erp.example.com/hooks")));
        var id = (string)created["subscription"]!["id"]!;

        const int Writers = 8;
        using var start = new SemaphoreSlim(0, Writers);
        var updates = Enumerable.Range(0, Writers).Select(async i =>
        {
            var body = AdminApi.Subscription(new Uri($"https://erp.example.com/hooks/{i}"));
            body["version"] = 1;
            await start.WaitAsync();
            using var response = await client.PutAsync($"subscriptions/{id}", AdminApi.Json(body));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), Endpoint: $"https://erp.example.com/hooks/{i}");
        }).ToList();
        start.Release(Writers);
        var results = await Task.WhenAll(updates);

        var winner = Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.OK), r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
            Assert.Equal(WebhookAdminProblemTypes.Conflict, (string?)JsonNode.Parse(r.Body)!["type"]);
        });

        var stored = await (await client.GetAsync($"subscriptions/{id}")).ReadObjectAsync();
        Assert.Equal(2, (long)stored["version"]!);
        Assert.Equal(winner.Endpoint, (string)stored["endpointUrl"]!);
    }
}
