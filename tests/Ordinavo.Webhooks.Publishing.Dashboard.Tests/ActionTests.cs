using Microsoft.AspNetCore.Antiforgery;

using Ordinavo.Webhooks.TestSupport.AspNetCore;

namespace Ordinavo.Webhooks.Publishing.Dashboard.Tests;

/// <summary>
/// The actions over Kestrel on loopback with the SQLite store and the real delivery worker: each does what it says and
/// redirects to a page that reports it; without the action policy, the antiforgery token or the tenant's ownership
/// nothing changes.
/// </summary>
public sealed class ActionTests : IAsyncLifetime
{
    private Receiver _receiver = null!;
    private DashboardTestHost _host = null!;
    private Seed _seed = null!;

    public async Task InitializeAsync()
    {
        _receiver = await Receiver.StartAsync();
        _host = await DashboardTestHost.StartAsync();
        _seed = await Seed.CreateAsync(_host, _receiver);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private IWebhookDeliveryMonitor Monitor => _host.Services.GetRequiredService<IWebhookDeliveryMonitor>();

    [Fact]
    public async Task Redelivering_a_dead_letter_sends_it_again_and_reports_it_after_a_redirect()
    {
        using var client = _host.Client(Seed.TenantA);
        var deadLetter = _seed.Of(_seed.Legacy).First();
        _receiver.Answer("legacy", 200);
        var page = await client.GetAsync($"deliveries/{deadLetter.Id}");
        using var response = await client.SubmitAsync(page, "form[action$='/redeliver']");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"../../deliveries/{deadLetter.Id}?done=redelivered", response.Headers.Location!.OriginalString);
        var result = await client.FollowAsync(response);
        Assert.Contains("queued again", result.Text(".flash"), StringComparison.Ordinal);
        await EventuallyAsync(async () => (await Monitor.GetDeliveryAsync(deadLetter.Id, default))!.State == WebhookDeliveryState.Succeeded);
        var done = await client.GetAsync($"deliveries/{deadLetter.Id}");
        Assert.Contains("Succeeded", done.Text("#delivery-state"), StringComparison.Ordinal);
        Assert.Equal(2, done.Document.QuerySelectorAll("#attempts li").Length);
        Assert.Contains(_host.Logs.Entries, e => e.Message.Contains($"redeliver by tenant {Seed.TenantA} on delivery {deadLetter.Id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Recovering_dead_letters_in_a_window_requeues_those_of_the_subscription()
    {
        using var client = _host.Client(Seed.TenantA);
        _receiver.Answer("legacy", 200);
        var page = await client.GetAsync($"subscriptions/{_seed.Legacy}");
        using var response = await client.SubmitAsync(page, "form[action$='/recover']");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var result = await client.FollowAsync(response);
        Assert.Contains("3 dead letters were queued again.", result.Text(".flash"), StringComparison.Ordinal);
        await EventuallyAsync(async () => (await Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { SubscriptionId = _seed.Legacy, State = WebhookDeliveryState.Succeeded }, default)).Items.Count == 3);
    }

    [Fact]
    public async Task A_test_event_reports_the_endpoints_answer()
    {
        using var client = _host.Client(Seed.TenantA);
        var page = await client.GetAsync($"subscriptions/{_seed.Billing}");
        var before = _receiver.Received("billing");
        using var response = await client.SubmitAsync(page, "form[action$='/test']");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(before + 1, _receiver.Received("billing"));
        var result = await client.FollowAsync(response);
        Assert.Equal("The test event failed: 503.", result.Text(".flash"));
    }

    [Fact]
    public async Task Disabling_and_enabling_change_the_subscriptions_state()
    {
        using var client = _host.Client(Seed.TenantA);
        var manager = _host.Services.GetRequiredService<IWebhookSubscriptionManager>();
        var page = await client.GetAsync($"subscriptions/{_seed.Erp}");
        using (var disable = await client.SubmitAsync(page, "form[action$='/disable']", new Dictionary<string, string> { ["note"] = "ERP maintenance <until Monday>" }))
        {
            Assert.Equal(HttpStatusCode.SeeOther, disable.StatusCode);
        }

        var disabled = await manager.GetAsync(Seed.TenantA, _seed.Erp, default);
        Assert.False(disabled!.IsEnabled);
        Assert.Equal(WebhookSubscriptionDisabledReason.Manual, disabled.DisabledReason);
        Assert.Equal("ERP maintenance <until Monday>", disabled.StateNote);
        page = await client.GetAsync($"subscriptions/{_seed.Erp}");
        Assert.Contains("Disabled", page.Text("#subscription-state"), StringComparison.Ordinal);
        Assert.Equal("ERP maintenance <until Monday>", page.Text("#subscription-note"));
        using (var enable = await client.SubmitAsync(page, "form[action$='/enable']"))
        {
            Assert.Equal(HttpStatusCode.SeeOther, enable.StatusCode);
        }

        Assert.True((await manager.GetAsync(Seed.TenantA, _seed.Erp, default))!.IsEnabled);
    }

    [Fact]
    public async Task A_stale_form_is_answered_409_and_changes_nothing()
    {
        using var client = _host.Client(Seed.TenantA);
        var page = await client.GetAsync($"subscriptions/{_seed.Erp}");
        await _host.Services.GetRequiredService<IWebhookSubscriptionManager>().DisableAsync(Seed.TenantA, _seed.Erp, null, null, default);
        await _host.Services.GetRequiredService<IWebhookSubscriptionManager>().EnableAsync(Seed.TenantA, _seed.Erp, null, null, default);
        using var response = await client.SubmitAsync(page, "form[action$='/disable']");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.True((await _host.Services.GetRequiredService<IWebhookSubscriptionManager>().GetAsync(Seed.TenantA, _seed.Erp, default))!.IsEnabled);
    }

    [Fact]
    public async Task Rotating_the_secret_shows_the_new_secret_once_and_never_logs_it()
    {
        using var client = _host.Client(Seed.TenantA);
        var page = await client.GetAsync($"subscriptions/{_seed.Erp}");
        using var response = await client.SubmitAsync(page, "form[action$='/rotate-secret']", new Dictionary<string, string> { ["grace"] = "3600" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var shown = await DashboardClient.Page.ReadAsync(response);
        var secret = shown.Text("#new-secret");
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var subscription = await _host.Services.GetRequiredService<IWebhookSubscriptionManager>().GetAsync(Seed.TenantA, _seed.Erp, default);
        Assert.Equal(2, subscription!.Secrets.Count);

        var again = await client.GetAsync($"subscriptions/{_seed.Erp}");
        Assert.DoesNotContain(secret, again.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Logs.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal) || e.Message.Contains(secret[6..], StringComparison.Ordinal));
        Assert.Contains(_host.Logs.Entries, e => e.Message.Contains($"rotate secret by tenant {Seed.TenantA} on subscription {_seed.Erp}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_action_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        using var client = _host.Client(Seed.TenantA);
        var deadLetter = _seed.Of(_seed.Legacy).First();
        await client.GetAsync($"deliveries/{deadLetter.Id}"); // the antiforgery cookie is set; the form field is not sent
        using var missing = await client.PostAsync($"deliveries/{deadLetter.Id}/redeliver", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        using var forged = await client.PostAsync($"subscriptions/{_seed.Erp}/disable", new Dictionary<string, string> { ["__RequestVerificationToken"] = "forged" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        Assert.Equal(WebhookDeliveryState.DeadLettered, (await Monitor.GetDeliveryAsync(deadLetter.Id, default))!.State);
        Assert.True((await _host.Services.GetRequiredService<IWebhookSubscriptionManager>().GetAsync(Seed.TenantA, _seed.Erp, default))!.IsEnabled);
        Assert.Contains(_host.Logs.Entries, e => e.Message.Contains("antiforgery token is missing or invalid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_user_without_the_action_policy_sees_no_actions_and_gets_403_when_posting_anyway()
    {
        using var viewer = _host.Client(Seed.TenantA, @operator: false);
        var deadLetter = _seed.Of(_seed.Legacy).First();
        foreach (var path in new[] { "", "deliveries", $"deliveries/{deadLetter.Id}", $"subscriptions/{_seed.Legacy}" })
        {
            var page = await viewer.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Empty(page.Document.QuerySelectorAll("form[method=post]"));
            Assert.DoesNotContain(page.Document.QuerySelectorAll("button"), e => e.Closest("form.filters") is null);
            Assert.Contains("read-only", page.Document.QuerySelector("header")!.TextContent, StringComparison.Ordinal);
        }

        // A valid antiforgery token of this user, posted anyway: the action policy refuses it.
        var fields = Tokens(viewer, Seed.TenantA);
        using var response = await viewer.PostAsync($"deliveries/{deadLetter.Id}/redeliver", fields);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var disable = await viewer.PostAsync($"subscriptions/{_seed.Legacy}/disable", fields);
        Assert.Equal(HttpStatusCode.Forbidden, disable.StatusCode);
        Assert.Equal(WebhookDeliveryState.DeadLettered, (await Monitor.GetDeliveryAsync(deadLetter.Id, default))!.State);
        Assert.True((await _host.Services.GetRequiredService<IWebhookSubscriptionManager>().GetAsync(Seed.TenantA, _seed.Legacy, default))!.IsEnabled);
    }

    [Fact]
    public async Task Actions_on_another_tenants_ids_are_not_found_and_change_nothing()
    {
        using var client = _host.Client(Seed.TenantB);
        var deadLetter = _seed.Of(_seed.Legacy).First();
        var page = await client.GetAsync(""); // the antiforgery cookie
        var form = await client.GetAsync($"subscriptions/{_seed.OtherTenantSubscription}");
        var token = form.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["from"] = "2000-01-01T00:00", ["to"] = "2100-01-01T00:00" };
        foreach (var path in new[] { $"deliveries/{deadLetter.Id}/redeliver", $"subscriptions/{_seed.Legacy}/recover", $"subscriptions/{_seed.Legacy}/test", $"subscriptions/{_seed.Legacy}/disable", $"subscriptions/{_seed.Legacy}/rotate-secret" })
        {
            using var response = await client.PostAsync(path, fields);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(WebhookDeliveryState.DeadLettered, (await Monitor.GetDeliveryAsync(deadLetter.Id, default))!.State);
        var legacy = await _host.Services.GetRequiredService<IWebhookSubscriptionManager>().GetAsync(Seed.TenantA, _seed.Legacy, default);
        Assert.True(legacy!.IsEnabled);
        Assert.Single(legacy.Secrets);
        Assert.Equal(3, _receiver.Received("legacy")); // the seed's one attempt per delivery, nothing since
        Assert.NotNull(page);
    }

    /// <summary>
    /// A valid antiforgery pair for a viewer (who sees no form to take one from): made by the host's antiforgery
    /// service for the same user, the cookie given to the client, the form field returned.
    /// </summary>
    private Dictionary<string, string> Tokens(DashboardClient client, string tenant)
    {
        var identity = new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.Name, "support-1"), new("tenant", tenant)], TestAuthHandler.SchemeName);
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = _host.Services, User = new(identity) };
        var tokens = _host.Services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        client.Cookies.Add(_host.BaseAddress, new Cookie(
            _host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AntiforgeryOptions>>().Value.Cookie.Name!, tokens.CookieToken));
        return new Dictionary<string, string> { [tokens.FormFieldName] = tokens.RequestToken! };
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold in time.");
            }

            await Task.Delay(50);
        }
    }
}
