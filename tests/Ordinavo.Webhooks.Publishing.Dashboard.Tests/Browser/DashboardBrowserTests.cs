using Microsoft.Playwright;

namespace Ordinavo.Webhooks.Publishing.Dashboard.Tests.Browser;

/// <summary>
/// The dashboard in a real browser (headless Chromium of the machine) against a Kestrel host with the SQLite store
/// seeded with deliveries in every state: overview, filter, delivery, redelivery of a dead letter that then succeeds
/// against the loopback receiver, and a user without the action policy. A screenshot of each page is kept.
/// </summary>
public sealed class DashboardBrowserTests
{
    [BrowserFact]
    public async Task An_operator_finds_a_dead_letter_and_redelivers_it_and_a_viewer_cannot()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var host = await DashboardTestHost.StartAsync();
        var seed = await Seed.CreateAsync(host, receiver);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;

        var problems = new List<string>();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ExtraHTTPHeaders = DashboardTestHost.Headers(Seed.TenantA, @operator: true),
            ViewportSize = new ViewportSize { Width = 1360, Height = 820 },
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add(message.Text + " " + message.Location); // a Content-Security-Policy violation shows here
            }
        };
        page.PageError += (_, error) => problems.Add(error);

        // The overview: the tenant's three subscriptions, styled by the package's stylesheet.
        await page.GotoAsync(host.DashboardAddress.ToString());
        Assert.Equal(3, await page.Locator("#subscriptions tbody tr").CountAsync());
        Assert.Equal("rgb(29, 35, 48)", await page.Locator("header.top").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        await Screenshots.SaveAsync(page, "overview");

        // Filter the deliveries to the dead letters.
        await page.GetByRole(AriaRole.Link, new() { Name = "Deliveries", Exact = true }).ClickAsync();
        await page.Locator("select[name=state]").SelectOptionAsync("DeadLettered");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync("**/deliveries?state=DeadLettered");
        var rows = page.Locator("#deliveries tbody tr");
        Assert.Equal(3, await rows.CountAsync());
        Assert.Equal(3, await page.Locator("#deliveries tbody tr .badge.bad").CountAsync());
        await Screenshots.SaveAsync(page, "deliveries");

        // Open the first dead letter.
        var deadLetter = seed.Of(seed.Legacy).First();
        await page.Locator($"tr[data-delivery='{deadLetter.Id}'] a", new() { HasText = "Details" }).ClickAsync();
        await page.WaitForURLAsync($"**/deliveries/{deadLetter.Id}");
        Assert.Contains("Dead-lettered", await page.Locator("#delivery-state").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Maintenance <visit> & check", await page.Locator("#body").InnerTextAsync(), StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "delivery");

        // The receiver is back: redeliver, confirm, see it succeed.
        receiver.Answer("legacy", 200);
        string? question = null;
        page.Dialog += async (_, dialog) =>
        {
            question = dialog.Message;
            await dialog.AcceptAsync();
        };
        await page.Locator("#redeliver").ClickAsync();
        await page.WaitForURLAsync($"**/deliveries/{deadLetter.Id}?done=redelivered");
        Assert.Equal("Deliver this event to this subscription again, now?", question);
        Assert.Contains("queued again", await page.Locator(".flash").InnerTextAsync(), StringComparison.Ordinal);
        for (var i = 0; i < 100 && !(await page.Locator("#delivery-state").InnerTextAsync()).Contains("Succeeded", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            await page.ReloadAsync();
        }

        Assert.Contains("Succeeded", await page.Locator("#delivery-state").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("#attempts li").CountAsync());
        Assert.Equal(4, receiver.Received("legacy"));

        await page.GotoAsync(new Uri(host.DashboardAddress, $"subscriptions/{seed.Legacy}").ToString());
        await Screenshots.SaveAsync(page, "subscription");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        // A viewer: no action buttons, and a POST anyway is refused.
        await using var viewerContext = await browser.NewContextAsync(new BrowserNewContextOptions { ExtraHTTPHeaders = DashboardTestHost.Headers(Seed.TenantA, @operator: false) });
        var viewer = await viewerContext.NewPageAsync();
        await viewer.GotoAsync(new Uri(host.DashboardAddress, $"deliveries/{deadLetter.Id}").ToString());
        Assert.Contains("read-only", await viewer.Locator("header.top").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await viewer.Locator("#redeliver").CountAsync());
        await viewer.GotoAsync(new Uri(host.DashboardAddress, $"subscriptions/{seed.Legacy}").ToString());
        Assert.Equal(0, await viewer.Locator("form[method=post]").CountAsync());
        var refused = await viewerContext.APIRequest.PostAsync(new Uri(host.DashboardAddress, $"deliveries/{deadLetter.Id}/redeliver").ToString(),
            new APIRequestContextOptions { Form = viewerContext.APIRequest.CreateFormData() });
        Assert.Equal(403, refused.Status);
        Assert.Equal(4, receiver.Received("legacy"));
    }
}
