using System.Text.Json.Nodes;

namespace Ordinavo.Webhooks.Publishing.Dashboard.Tests;

/// <summary>What each page shows of the seeded deliveries, over Kestrel on loopback with the SQLite store; tenant isolation of every page.</summary>
public sealed class PageTests(SeededHost fixture) : IClassFixture<SeededHost>
{
    private readonly Seed _seed = fixture.Seed;

    [Fact]
    public async Task The_overview_lists_the_tenants_subscriptions_with_their_state_only()
    {
        using var client = fixture.Host.Client(Seed.TenantA);
        var page = await client.GetAsync("");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var rows = page.Rows("subscriptions");
        Assert.Equal(new[] { _seed.Erp, _seed.Billing, _seed.Legacy }.Order(StringComparer.Ordinal), rows.Select(r => r.GetAttribute("data-subscription")!));
        Assert.DoesNotContain(_seed.OtherTenantSubscription, page.Document.Body!.TextContent, StringComparison.Ordinal);
        var erp = rows.Single(r => r.GetAttribute("data-subscription") == _seed.Erp);
        Assert.Contains("127.0.0.1:" + fixture.Receiver.BaseAddress.Port, erp.TextContent, StringComparison.Ordinal);
        Assert.Contains("Enabled", erp.TextContent, StringComparison.Ordinal);
        // Free text is encoded: the description is text, not markup.
        Assert.Contains("ERP <integration>", erp.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("integration"));
    }

    [Fact]
    public async Task The_overview_shows_queue_depth_the_last_24_hours_health_and_a_chart_per_subscription()
    {
        using var client = fixture.Host.Client(Seed.TenantA);
        var page = await client.GetAsync("");
        IElement Row(string id) => page.Rows("subscriptions").Single(r => r.GetAttribute("data-subscription") == id);
        string[] Numbers(string id) => [.. Row(id).QuerySelectorAll("td.num").Select(c => c.TextContent.Trim())];

        // Queue (due), delivered, failing, dead-lettered.
        Assert.Equal(["0 (0)", "3", "0", "0"], Numbers(_seed.Erp));
        Assert.Equal(["3 (0)", "0", "3", "0"], Numbers(_seed.Billing));
        Assert.Equal(["0 (0)", "0", "0", "3"], Numbers(_seed.Legacy));
        Assert.Contains("Healthy", Row(_seed.Erp).TextContent, StringComparison.Ordinal);
        Assert.Contains("Failing", Row(_seed.Billing).TextContent, StringComparison.Ordinal);

        // 24 bars per hour; this hour's bar holds the three deliveries.
        var bars = Row(_seed.Erp).QuerySelectorAll("svg.chart g");
        Assert.Equal(24, bars.Length);
        Assert.Contains("3 delivered", bars[^1].QuerySelector("title")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("3 dead-lettered", Row(_seed.Legacy).QuerySelectorAll("svg.chart g")[^1].QuerySelector("title")!.TextContent, StringComparison.Ordinal);
        Assert.Single(Row(_seed.Legacy).QuerySelectorAll("svg.chart rect.dead"));
    }

    [Fact]
    public async Task Every_page_carries_a_strict_content_security_policy_and_no_inline_script_or_style()
    {
        using var client = fixture.Host.Client(Seed.TenantA);
        var deadLetter = _seed.Of(_seed.Legacy).First();
        foreach (var path in new[] { "", "deliveries", $"deliveries/{deadLetter.Id}", $"subscriptions/{_seed.Legacy}" })
        {
            var page = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var csp = page.Response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.True(page.Response.Headers.CacheControl!.NoStore);
            Assert.All(page.Document.Scripts, s => Assert.False(string.IsNullOrEmpty(s.Source), "inline script"));
            Assert.Empty(page.Document.QuerySelectorAll("style, [style]"));
            Assert.Empty(page.Document.QuerySelectorAll("[onclick], [onsubmit]"));
            // Links are relative: they resolve under any path base or proxy prefix.
            Assert.All(page.Document.QuerySelectorAll("a[href], link[href], script[src], form[action]"), e =>
                Assert.False((e.GetAttribute("href") ?? e.GetAttribute("src") ?? e.GetAttribute("action"))!.StartsWith('/'), e.OuterHtml));
        }
    }

    [Fact]
    public async Task The_deliveries_table_is_keyset_paged_over_every_delivery_of_the_tenant()
    {
        using var client = fixture.Host.Client(Seed.TenantA);
        var seen = new List<string>();
        var page = await client.GetAsync("deliveries");
        while (true)
        {
            var rows = page.Rows("deliveries");
            Assert.True(rows.Count <= 4);
            seen.AddRange(rows.Select(r => r.GetAttribute("data-delivery")!));
            var next = page.Document.QuerySelector("a[rel=next]")?.GetAttribute("href");
            if (next is null)
            {
                break;
            }

            page = await client.GetAsync(next);
        }

        Assert.Equal(_seed.Deliveries.Select(d => d.Id), seen);
        Assert.DoesNotContain(_seed.OtherTenantDelivery.Id, seen);
    }

    [Theory]
    [InlineData("state=DeadLettered", "legacy")]
    [InlineData("state=Pending", "billing")]
    [InlineData("state=Succeeded", "erp")]
    public async Task The_state_filter_shows_the_deliveries_in_that_state(string query, string subscription)
    {
        using var client = fixture.Host.Client(Seed.TenantA);
        var expected = subscription switch { "legacy" => _seed.Legacy, "billing" => _seed.Billing, _ => _seed.Erp };
        var page = await client.GetAsync("deliveries?" + query);
        Assert.Equal(_seed.Of(expected).Select(d => d.Id).Take(4), page.Rows("deliveries").Select(r => r.GetAttribute("data-delivery")!));
    }

    [Fact]
    public async Task The_filters_by_subscription_event_type_event_id_and_time_window_narrow_the_table()
    {
        using var client = fixture.Host.Client(Seed.TenantA);
        async Task<IEnumerable<string>> Ids(string query) => (await client.GetAsync("deliveries?" + query)).Rows("deliveries").Select(r => r.GetAttribute("data-delivery")!);

        Assert.Equal(_seed.Of(_seed.Billing).Select(d => d.Id), await Ids("subscription=" + _seed.Billing));
        Assert.Equal(_seed.Deliveries.Where(d => d.EventType == "target.updated").Select(d => d.Id), await Ids("eventType=target.updated"));
        Assert.Equal(_seed.Deliveries.Where(d => d.EventId == _seed.EventIds[1]).Select(d => d.Id), await Ids("eventId=" + _seed.EventIds[1]));
        Assert.Equal(
            _seed.Deliveries.Where(d => d.EventType == "target.imported" && d.SubscriptionId == _seed.Legacy).Select(d => d.Id),
            await Ids($"eventType=target.imported&subscription={_seed.Legacy}&state=DeadLettered"));
        Assert.Equal(_seed.Of(_seed.Legacy).Select(d => d.Id), await Ids($"eventType=target.*&subscription={_seed.Legacy}"));
        var past = DateTimeOffset.UtcNow.AddDays(-2).ToString("yyyy-MM-ddTHH:mm");
        var later = DateTimeOffset.UtcNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm");
        Assert.Empty(await Ids($"from={past}&to={later}"));
        // Another tenant's event id matches nothing.
        Assert.Empty(await Ids("eventId=" + _seed.OtherTenantDelivery.EventId));
    }

    [Fact]
    public async Task An_invalid_filter_is_answered_400_naming_it()
    {
        using var client = fixture.Host.Client(Seed.TenantA);
        var page = await client.GetAsync("deliveries?state=Lost&from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("State must be Pending, Succeeded or DeadLettered.", page.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("From is not a time", page.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.Rows("deliveries"));
    }

    [Fact]
    public async Task The_delivery_page_shows_the_attempts_with_the_answer_and_the_body_as_sent()
    {
        using var client = fixture.Host.Client(Seed.TenantA);
        var pending = _seed.Of(_seed.Billing).First();
        var page = await client.GetAsync($"deliveries/{pending.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Pending", page.Text("#delivery-state"), StringComparison.Ordinal);
        var attempt = Assert.Single(page.Document.QuerySelectorAll("#attempts li"));
        Assert.Contains("503", attempt.TextContent, StringComparison.Ordinal);
        // The receiver's answer, encoded: text, not markup.
        Assert.Equal("{\"error\":\"<maintenance>\"}", attempt.QuerySelector("pre")!.TextContent);

        var shown = page.Text("#body");
        Assert.Contains('\n', shown);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(pending.Body.Span), JsonNode.Parse(shown)));
        Assert.Contains("Maintenance <visit> & check", shown, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pending.Body.Span)), page.Document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_subscription_page_shows_its_definition_and_state()
    {
        using var client = fixture.Host.Client(Seed.TenantA);
        var page = await client.GetAsync($"subscriptions/{_seed.Legacy}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Enabled", page.Text("#subscription-state"), StringComparison.Ordinal);
        Assert.Contains(fixture.Receiver.Endpoint("legacy").ToString(), page.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("target.*", page.Document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenants_delivery_and_subscription_are_not_found()
    {
        using var client = fixture.Host.Client(Seed.TenantA);
        var delivery = await client.GetAsync($"deliveries/{_seed.OtherTenantDelivery.Id}");
        Assert.Equal(HttpStatusCode.NotFound, delivery.Status);
        Assert.DoesNotContain(_seed.OtherTenantDelivery.EventId, delivery.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"subscriptions/{_seed.OtherTenantSubscription}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("deliveries/01ARZ3NDEKTSV4RRFFQ69G5FAV")).Status);

        using var other = fixture.Host.Client(Seed.TenantB);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"deliveries/{_seed.OtherTenantDelivery.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"deliveries/{_seed.Deliveries[0].Id}")).Status);
    }

    [Fact]
    public async Task A_user_without_a_tenant_gets_403_and_an_anonymous_one_401()
    {
        using var noTenant = fixture.Host.Client(tenant: null);
        var page = await noTenant.GetAsync("");
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Empty(page.Document.QuerySelectorAll("table"));

        using var anonymous = fixture.Host.Anonymous();
        using var response = await anonymous.Http.GetAsync("");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_group_path_without_a_slash_redirects_relatively_to_the_overview()
    {
        using var client = fixture.Host.Client(Seed.TenantA);
        using var response = await client.Http.GetAsync(new Uri(fixture.Host.BaseAddress, DashboardTestHost.Prefix));
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("ui/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_stylesheet_and_script_are_served_from_the_package_with_cache_headers()
    {
        using var client = fixture.Host.Client(Seed.TenantA);
        var page = await client.GetAsync("");
        foreach (var link in new[] { page.Document.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!, page.Document.Scripts.Single().Source! })
        {
            using var response = await client.Http.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);
            using var again = new HttpRequestMessage(HttpMethod.Get, link);
            again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            using var notModified = await client.Http.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }
    }
}
