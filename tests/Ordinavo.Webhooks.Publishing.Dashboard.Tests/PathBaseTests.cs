namespace Ordinavo.Webhooks.Publishing.Dashboard.Tests;

/// <summary>The dashboard under the host's path base (as behind a reverse proxy that maps it to /backend): every link a page writes leads to a page of the dashboard.</summary>
public sealed class PathBaseTests
{
    [Fact]
    public async Task Every_link_resolves_under_the_path_base()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var host = await DashboardTestHost.StartAsync(new DashboardHostOptions { PathBase = "/backend" });
        var seed = await Seed.CreateAsync(host, receiver);
        using var client = host.Client(Seed.TenantA);
        Assert.StartsWith("/backend/admin/webhooks/ui/", host.DashboardAddress.AbsolutePath, StringComparison.Ordinal);

        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Uri>([host.DashboardAddress, new Uri(host.DashboardAddress, $"deliveries/{seed.Of(seed.Legacy).First().Id}")]);
        while (pending.Count > 0 && visited.Count < 25)
        {
            var url = pending.Dequeue();
            if (!visited.Add(url.PathAndQuery))
            {
                continue;
            }

            using var response = await client.Http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
            Assert.StartsWith("/backend/admin/webhooks/ui/", url.AbsolutePath, StringComparison.Ordinal);
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var page = await DashboardClient.Page.ReadAsync(response);
            foreach (var e in page.Document.QuerySelectorAll("a[href], link[href]:not([rel=icon]), script[src]"))
            {
                pending.Enqueue(new Uri(url, (e.GetAttribute("href") ?? e.GetAttribute("src"))!));
            }
        }

        Assert.Contains(visited, v => v.EndsWith("/assets/dashboard.css?v=" + v.Split("?v=")[^1], StringComparison.Ordinal));
        Assert.Contains(visited, v => v.Contains("/subscriptions/", StringComparison.Ordinal));
        Assert.True(visited.Count > 8);
    }
}
