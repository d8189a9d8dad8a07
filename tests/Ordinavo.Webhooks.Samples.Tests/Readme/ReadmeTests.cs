using System.Text.RegularExpressions;

namespace Ordinavo.Webhooks.Samples.Tests.Readme;

public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(RepositoryPaths.Combine("README.md")).ReplaceLineEndings("\n");

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

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex LinkPattern();
}
