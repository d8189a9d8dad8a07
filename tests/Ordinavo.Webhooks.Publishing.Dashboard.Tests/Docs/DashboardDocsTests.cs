using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Publishing.Dashboard.Tests.Docs;

/// <summary>docs/operations.md and the package README show the compiled host code; the page shows a screenshot of each page.</summary>
public sealed class DashboardDocsTests
{
    [Theory]
    [InlineData("docs/operations.md")]
    [InlineData("src/Ordinavo.Webhooks.Publishing.Dashboard/README.md")]
    public void The_host_example_is_the_compiled_snippet_verbatim(string file)
    {
        var regions = SourceRegions.Read(RepositoryPaths.Combine("tests", "Ordinavo.Webhooks.Publishing.Dashboard.Tests", "Docs", "DashboardSnippet.cs"));
        var block = $"```csharp\n{regions["dashboard-usings"]}\n\n{regions["dashboard-host"]}\n```";
        Assert.Contains(block, File.ReadAllText(RepositoryPaths.Combine(file.Split('/'))).ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_snippet_maps_a_dashboard_whose_endpoints_require_the_view_policy()
    {
        await using var app = DashboardSnippet.Build([]);
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).ToList();
        Assert.True(endpoints.Count >= 10);
        Assert.All(endpoints, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == "webhook-support"));
    }

    [Theory]
    [InlineData("overview")]
    [InlineData("deliveries")]
    [InlineData("delivery")]
    [InlineData("subscription")]
    public void The_operations_page_shows_a_committed_screenshot_of_each_page(string name)
    {
        var page = File.ReadAllText(RepositoryPaths.Combine("docs", "operations.md"));
        Assert.Contains($"(images/dashboard-{name}.png)", page, StringComparison.Ordinal);
        var png = File.ReadAllBytes(RepositoryPaths.Combine("docs", "images", $"dashboard-{name}.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }
}
