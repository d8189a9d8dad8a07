using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Publishing.Dashboard.Tests;

/// <summary>Configuration mistakes stop the host at start with a message naming the fix; development mode and a read-only dashboard start.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task A_dashboard_without_a_view_policy_refuses_to_start()
    {
        var error = await StartFailsAsync(new DashboardHostOptions { ViewPolicy = null });
        Assert.Contains("WebhookDashboardOptions.ViewPolicy", error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowAnonymousForDevelopment", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ViewPolicy")]
    [InlineData("ActionPolicy")]
    public async Task A_policy_name_the_host_did_not_register_refuses_to_start(string option)
    {
        var error = await StartFailsAsync(option == "ViewPolicy"
            ? new DashboardHostOptions { ViewPolicy = "webhook-viewers" }
            : new DashboardHostOptions { ActionPolicy = "webhook-operators" });
        Assert.Contains($"WebhookDashboardOptions.{option} names the authorization policy", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddPolicy(", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_allow_anonymous_on_the_group_refuses_to_start()
    {
        var error = await StartFailsAsync(new DashboardHostOptions { Group = g => g.AllowAnonymous() });
        Assert.Contains("has no authorization", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_mode_starts_without_a_view_policy_and_a_dashboard_without_an_action_policy_is_read_only()
    {
        await using var host = await DashboardTestHost.StartAsync(new DashboardHostOptions
        {
            ViewPolicy = null,
            ActionPolicy = null,
            Dashboard = o => o.AllowAnonymousForDevelopment = true,
        });
        await using var receiver = await Receiver.StartAsync();
        var seed = await Seed.CreateAsync(host, receiver);
        using var client = host.Client(Seed.TenantA); // an operator, but no action policy is configured
        var page = await client.GetAsync($"subscriptions/{seed.Legacy}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(page.Document.QuerySelectorAll("form[method=post]"));
        using var response = await client.PostAsync($"subscriptions/{seed.Legacy}/disable", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public void Mapping_without_the_registration_names_the_call()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddOrdinavoWebhookPublisher().UseInMemorySubscriptionRecords();
        using var app = builder.Build();
        var error = Assert.Throws<InvalidOperationException>(() => app.MapOrdinavoWebhookDashboard());
        Assert.Contains("AddOrdinavoWebhookDashboard", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dashboard_without_a_tenant_resolver_refuses_to_start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddOrdinavoWebhookPublisher().UseInMemoryStore().UseInMemorySubscriptionRecords();
        builder.Services.AddOrdinavoWebhookDashboard(o => o.AllowAnonymousForDevelopment = true);
        await using var app = builder.Build();
        app.MapOrdinavoWebhookDashboard();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("TenantResolver", error.Message, StringComparison.Ordinal);
    }

    private static async Task<Exception> StartFailsAsync(DashboardHostOptions options)
    {
        var error = await Record.ExceptionAsync(async () =>
        {
            await using var host = await DashboardTestHost.StartAsync(options);
        });
        Assert.NotNull(error);
        return error is OptionsValidationException or InvalidOperationException ? error : throw new Xunit.Sdk.XunitException("Unexpected: " + error);
    }
}
