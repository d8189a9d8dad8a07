using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Publishing;
using Ordinavo.Webhooks.Signing;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Samples.Tests.Readme;

public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(RepositoryPaths.Combine("README.md")).ReplaceLineEndings("\n");

    public static TheoryData<string> Snippets => new(Regions().Keys);

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Readme_contains_the_compiled_snippet_verbatim(string region)
    {
        var snippet = Regions()[region];
        Assert.True(Readme.Contains(snippet, StringComparison.Ordinal), $"README.md lacks the snippet '{region}' of Readme/ReadmeSnippets.cs:\n{snippet}");
    }

    [Fact]
    public void Readme_first_screen_has_the_two_commands_and_the_package_table()
    {
        var firstScreen = string.Join('\n', Readme.Split('\n').Take(45));
        Assert.Contains("dotnet run --project samples/Ordinavo.Webhooks.Samples.Demo\n", firstScreen, StringComparison.Ordinal);
        Assert.Contains("dotnet test Ordinavo.Webhooks.sln -c Release\n", firstScreen, StringComparison.Ordinal);
        Assert.Contains("| `Ordinavo.Webhooks.Publishing` |", firstScreen, StringComparison.Ordinal);
        Assert.Contains("| `Ordinavo.Webhooks.Receiving.AspNetCore` |", firstScreen, StringComparison.Ordinal);
    }

    [Fact]
    public void Ci_runs_the_readme_test_command()
    {
        var ci = File.ReadAllText(RepositoryPaths.Combine(".ci", "run"));
        Assert.Contains("dotnet test Ordinavo.Webhooks.sln -c Release", ci, StringComparison.Ordinal);
    }

    public static TheoryData<string> MarkdownFiles()
    {
        var data = new TheoryData<string> { "README.md" };
        foreach (var file in Directory.GetFiles(RepositoryPaths.Combine("docs"), "*.md").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void Every_relative_link_resolves(string file)
    {
        var path = RepositoryPaths.Combine(file.Split('/'));
        var folder = Path.GetDirectoryName(path)!;
        var broken = new List<string>();
        foreach (Match match in LinkPattern().Matches(File.ReadAllText(path)))
        {
            var target = match.Groups["target"].Value;
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith('#') || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            var relative = target.Split('#')[0];
            var resolved = Path.GetFullPath(Path.Combine(folder, relative));
            if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                broken.Add(target);
            }
        }

        Assert.True(broken.Count == 0, $"{file} links to missing files: {string.Join(", ", broken)}");
    }

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void No_machine_paths_or_registry_host_names(string file)
    {
        var text = File.ReadAllText(RepositoryPaths.Combine(file.Split('/')));
        // Assembled from parts so that this file itself does not trip the repository's own scan for these strings.
        string[] forbidden =
        [
            "/wo" + "rk/", "/ho" + "me/", "/tm" + "p/", "/Use" + "rs/", "C:\\Use" + "rs",
            "nuget" + ".org", "pkgs.dev" + ".azure.com", "myget" + ".org", "npm" + "js", "pypi" + ".org",
        ];
        var found = forbidden.Where(f => text.Contains(f, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(found.Count == 0, $"{file} mentions {string.Join(", ", found)}");
    }

    [Fact]
    public void Docs_index_links_every_document()
    {
        var index = File.ReadAllText(RepositoryPaths.Combine("docs", "README.md"));
        var missing = Directory.GetFiles(RepositoryPaths.Combine("docs"), "*.md")
            .Select(Path.GetFileName)
            .Where(name => name != "README.md" && !index.Contains($"]({name}", StringComparison.Ordinal))
            .ToList();
        Assert.True(missing.Count == 0, $"docs/README.md does not link: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task The_publish_snippet_enqueues_a_valid_event()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOrdinavoWebhookPublisher(o => o.EnableDeliveryWorker = false)
            .UseInMemoryStore()
            .UseInMemorySubscriptions(s => s.Upsert(new WebhookSubscription
            {
                Id = "erp",
                TenantId = "tenant-123",
                EndpointUrl = new Uri("https://erp.example.com/webhooks/ordinavo"),
                Secrets = [WebhookSecret.Generate()],
            }));
        await using var provider = services.BuildServiceProvider();

        var result = await ReadmeSnippets.PublishAsync(provider.GetRequiredService<IWebhookPublisher>(), CancellationToken.None);

        Assert.Equal(1, result.DeliveriesEnqueued);
        Assert.True(WebhookIdentifiers.IsValidEventId(result.EventId));
    }

    /// <summary>The <c>#region</c>s of ReadmeSnippets.cs, without their common indentation.</summary>
    private static Dictionary<string, string> Regions()
    {
        var regions = SourceRegions.Read(RepositoryPaths.Combine("tests", "Ordinavo.Webhooks.Samples.Tests", "Readme", "ReadmeSnippets.cs"));
        Assert.NotEmpty(regions);
        return regions;
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex LinkPattern();
}
