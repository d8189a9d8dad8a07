namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests;

/// <summary>A caller the tenant resolver gives no tenant for is answered 403 on every endpoint, and nothing changes.</summary>
public sealed class TenantRequiredTests
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "POST", "subscriptions" },
        { "GET", "subscriptions" },
        { "GET", "subscriptions/{id}" },
        { "PUT", "subscriptions/{id}" },
        { "DELETE", "subscriptions/{id}" },
        { "POST", "subscriptions/{id}/disable" },
        { "POST", "subscriptions/{id}/enable" },
        { "POST", "subscriptions/{id}/rotate-secret" },
        { "POST", "subscriptions/{id}/expire-old-secrets" },
        { "POST", "subscriptions/{id}/test" },
        { "GET", "subscriptions/{id}/health" },
        { "POST", "subscriptions/{id}/redeliver-dead-letters" },
        { "GET", "deliveries" },
        { "GET", "deliveries/01J00000000000000000000000" },
        { "POST", "deliveries/01J00000000000000000000000/redeliver" },
        { "GET", "queue" },
        { "GET", "statistics" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_a_tenant_every_endpoint_is_403_problem_and_changes_nothing(string method, string path)
    {
        await using var host = await AdminTestHost.StartAsync();
        var created = await host.Client("tenant-a").CreateAsync(AdminApi.Subscription(new Uri("https://erp.example.com/hooks")));
        var id = (string)created["subscription"]!["id"]!;
        var before = await (await host.Client("tenant-a").GetAsync($"subscriptions/{id}")).Content.ReadAsStringAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", id, StringComparison.Ordinal));
        if (method is "POST" or "PUT")
        {
            request.Content = AdminApi.Json(AdminApi.Subscription(new Uri("https://other.example.com/hooks")));
        }

        using var response = await host.Client(tenant: null).SendAsync(request);

        await response.ReadProblemAsync(HttpStatusCode.Forbidden, WebhookAdminProblemTypes.TenantRequired);
        Assert.Equal(before, await (await host.Client("tenant-a").GetAsync($"subscriptions/{id}")).Content.ReadAsStringAsync());
        Assert.Single((await (await host.Client("tenant-a").GetAsync("subscriptions")).ReadObjectAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task An_anonymous_caller_is_stopped_by_the_host_authorization()
    {
        await using var host = await AdminTestHost.StartAsync();
        using var response = await host.Anonymous().GetAsync("subscriptions");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
