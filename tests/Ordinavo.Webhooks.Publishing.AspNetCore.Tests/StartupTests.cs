using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

using Ordinavo.Webhooks.TestSupport.AspNetCore;

namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests;

/// <summary>Configuration mistakes stop the host at start with a message naming the fix.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Without_authorization_on_the_admin_group_the_host_refuses_to_start()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AdminTestHost.StartAsync(new AdminHostOptions { RequireAuthorization = false }));
        Assert.Contains(AdminTestHost.Prefix, error.Message, StringComparison.Ordinal);
        Assert.Contains("RequireAuthorization", error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowAnonymousForDevelopment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllowAnonymous_on_the_admin_group_is_refused_as_well()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AdminTestHost.StartAsync(new AdminHostOptions { Group = g => g.AllowAnonymous() }));
        Assert.Contains("RequireAuthorization", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_development_host_that_says_so_starts_without_authorization_and_serves_requests()
    {
        await using var host = await AdminTestHost.StartAsync(new AdminHostOptions
        {
            RequireAuthorization = false,
            Admin = o => o.AllowAnonymousForDevelopment = true,
        });

        using var response = await host.Client("tenant-a").GetAsync("subscriptions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_tenant_resolver_the_host_refuses_to_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => AdminTestHost.StartAsync(new AdminHostOptions { TenantResolver = false }));
        Assert.Contains("TenantResolver", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(IWebhookAdminTenantResolver), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_tenant_resolver_service_is_enough()
    {
        await using var host = await AdminTestHost.StartAsync(new AdminHostOptions
        {
            TenantResolver = false,
            Services = services => services.AddSingleton<IWebhookAdminTenantResolver, HeaderTenantResolver>(),
        });

        var client = host.Anonymous();
        client.DefaultRequestHeaders.Add(TestAuthHandler.UserHeader, "operator");
        client.DefaultRequestHeaders.Add("X-Resolver-Tenant", "tenant-r");
        var created = await client.CreateAsync(AdminApi.Subscription(new Uri("https://erp.example.com/hooks")));
        var id = (string)created["subscription"]!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"subscriptions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client("tenant-r").GetAsync($"subscriptions/{id}")).StatusCode);
    }

    [Fact]
    public void Mapping_without_AddOrdinavoWebhookAdmin_names_the_call()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddDataProtection();
        builder.Services.AddOrdinavoWebhookPublisher().UseInMemoryStore().UseInMemorySubscriptionRecords();
        using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapOrdinavoWebhookAdmin());
        Assert.Contains("AddOrdinavoWebhookAdmin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mapping_without_managed_subscriptions_names_the_store_calls()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddOrdinavoWebhookPublisher().UseInMemoryStore();
        builder.Services.AddOrdinavoWebhookAdmin(o => o.TenantResolver = _ => ValueTask.FromResult<string?>("t"));
        using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapOrdinavoWebhookAdmin());
        Assert.Contains("UseSqliteSubscriptions()", error.Message, StringComparison.Ordinal);
    }

    private sealed class HeaderTenantResolver : IWebhookAdminTenantResolver
    {
        public ValueTask<string?> ResolveTenantAsync(Microsoft.AspNetCore.Http.HttpContext context) =>
            ValueTask.FromResult<string?>(context.Request.Headers["X-Resolver-Tenant"].ToString());
    }
}
