using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests.Docs;

/// <summary>docs/operations.md shows compiled code, and documents every problem type and every endpoint the API has.</summary>
public sealed class AdminApiDocsTests
{
    private static readonly string Page = File.ReadAllText(RepositoryPaths.Combine("docs", "operations.md")).ReplaceLineEndings("\n");

    [Theory]
    [InlineData("docs/operations.md")]
    [InlineData("src/Ordinavo.Webhooks.Publishing.AspNetCore/README.md")]
    public void The_host_example_is_the_compiled_snippet_verbatim(string file)
    {
        var regions = SourceRegions.Read(RepositoryPaths.Combine("tests", "Ordinavo.Webhooks.Publishing.AspNetCore.Tests", "Docs", "AdminApiSnippet.cs"));
        var block = $"```csharp\n{regions["admin-api-usings"]}\n\n{regions["admin-api-host"]}\n```";
        Assert.Contains(block, File.ReadAllText(RepositoryPaths.Combine(file.Split('/'))).ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_snippet_builds_a_host_whose_admin_endpoints_require_the_policy()
    {
        await using var app = AdminApiSnippet.Build([]);
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).ToList();
        Assert.Equal(17, endpoints.Count);
        Assert.All(endpoints, e => Assert.Contains(e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>(), a => a.Policy == "webhook-admin"));
    }

    [Fact]
    public void Every_problem_type_is_documented()
    {
        var types = typeof(WebhookAdminProblemTypes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(types);
        Assert.All(types, t => Assert.Contains($"`{t}`", Page, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_endpoint_is_in_the_endpoint_table()
    {
        await using var app = AdminApiSnippet.Build([]);
        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => $"| `{e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()!.HttpMethods.Single()} {e.RoutePattern.RawText!["/admin/webhooks".Length..]}`")
            .ToList();
        Assert.All(routes, r => Assert.Contains(r, Page, StringComparison.Ordinal));
    }
}
