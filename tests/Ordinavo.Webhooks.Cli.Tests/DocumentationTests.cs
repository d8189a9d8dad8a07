using System.Reflection;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Cli.Tests;

/// <summary>The READMEs describe the tool as it is.</summary>
public sealed class DocumentationTests
{
    private static readonly string ToolReadme = File.ReadAllText(RepositoryPaths.Combine("src", "Ordinavo.Webhooks.Cli", "README.md")).ReplaceLineEndings("\n");

    [Fact]
    public void The_integrator_quick_start_begins_with_trigger_all()
    {
        var readme = File.ReadAllText(RepositoryPaths.Combine("README.md")).ReplaceLineEndings("\n");
        var section = readme[readme.IndexOf("## Quick start: an integrator", StringComparison.Ordinal)..];
        var firstBlock = section[section.IndexOf("```bash\n", StringComparison.Ordinal)..];
        firstBlock = firstBlock[..firstBlock.IndexOf("```\n", 8, StringComparison.Ordinal)];

        Assert.Contains("dotnet tool install --global Ordinavo.Webhooks.Cli", firstBlock);
        Assert.Contains("ordinavo-webhooks trigger all --url ", firstBlock);
    }

    [Fact]
    public void Every_exit_code_is_documented()
    {
        var codes = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (int)f.GetRawConstantValue()!).ToList();

        Assert.Equal(Enumerable.Range(0, 9), codes.Order());
        foreach (var code in codes)
        {
            Assert.Contains($"\n| {code} | ", ToolReadme);
        }
    }

    [Fact]
    public void Every_command_is_documented()
    {
        var root = CliApplication.CreateRootCommand(new CliEnvironment(TextWriter.Null, TextWriter.Null, _ => null, outputRedirected: true));

        foreach (var command in root.Subcommands)
        {
            Assert.Contains($"| `{command.Name}", ToolReadme);
        }
    }
}
