using System.Text.RegularExpressions;

namespace Ordinavo.Webhooks.Samples.Tests.Docs;

/// <summary>
/// The <c>```csharp</c> blocks of a markdown file, with the marker that says what each one is. The convention, for
/// README.md and docs/*.md:
/// <list type="bullet">
/// <item>A <b>complete</b> block is a whole file that starts with its <c>using</c> directives (the implicit usings of a
/// <c>dotnet new web</c> project aside). It compiles as written, alone, or together with the other complete blocks of
/// its file marked with the same example name: <c>&lt;!-- example: NAME --&gt;</c> on the line before the fence (the files
/// of one project, for example <c>Program.cs</c> and its handlers).</item>
/// <item>A <b>fragment</b> is marked <c>&lt;!-- fragment of: FILE#NAME --&gt;</c> on the line before the fence, naming the
/// complete example (FILE relative to the repository root) whose context it needs: its usings, <c>builder</c>,
/// injected services.</item>
/// <item>A block shown verbatim from a source file that another test project compiles is marked
/// <c>&lt;!-- compiled in: PATH --&gt;</c>; PATH must contain the block's code.</item>
/// </list>
/// A block that is none of these, a fragment naming an example that does not exist, or a marker on a block that does
/// not fit it is a problem (<see cref="Problems"/>).
/// </summary>
internal static partial class MarkdownCSharpBlocks
{
    public enum Kind
    {
        Complete,
        Fragment,
        CompiledElsewhere,
        Unmarked,
    }

    public sealed record Block(string File, int Line, string Code, string? Example, string? FragmentOf, string? CompiledIn)
    {
        /// <summary>A complete file: it starts with its <c>using</c> directives.</summary>
        public bool IsComplete => Code.StartsWith("using ", StringComparison.Ordinal);

        public Kind Kind => CompiledIn is not null ? Kind.CompiledElsewhere
            : FragmentOf is not null ? Kind.Fragment
            : IsComplete ? Kind.Complete
            : Kind.Unmarked;

        /// <summary>The example this complete block belongs to: its name, or the block alone.</summary>
        public string ExampleKey => Example is null ? ToString() : $"{File}#{Example}";

        public override string ToString() => $"{File}:{Line}";
    }

    /// <summary>Reads the blocks of a file of the repository (path relative to its root, with '/').</summary>
    public static IReadOnlyList<Block> Read(string relativePath) =>
        Parse(relativePath, File.ReadAllText(RepositoryPaths.Combine(relativePath.Split('/'))));

    public static IReadOnlyList<Block> Parse(string file, string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<Block>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp")
            {
                continue;
            }

            var start = i + 1;
            var end = start;
            while (end < lines.Length && lines[end].Trim() != "```")
            {
                end++;
            }

            var marker = i > 0 ? MarkerPattern().Match(lines[i - 1].Trim()) : Match.Empty;
            string? Value(string kind) => marker.Success && marker.Groups["kind"].Value == kind ? marker.Groups["value"].Value : null;
            blocks.Add(new Block(file, start, string.Join('\n', lines[start..end]) + "\n", Value("example"), Value("fragment of"), Value("compiled in")));
            i = end;
        }

        return blocks;
    }

    /// <summary>
    /// What is wrong with the blocks of one file: unmarked fragments, fragments whose example does not exist, misplaced
    /// markers, and <c>compiled in</c> files that do not hold the block. <paramref name="read"/> gives the blocks of
    /// another file named by a fragment (null when it does not exist); <paramref name="readSource"/> the text of a
    /// source file (null when it does not exist).
    /// </summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<Block> blocks, Func<string, IReadOnlyList<Block>?> read, Func<string, string?> readSource)
    {
        var problems = new List<string>();
        foreach (var block in blocks)
        {
            switch (block.Kind)
            {
                case Kind.Unmarked:
                    problems.Add($"{block}: the C# block is neither a complete file (starting with its using directives) nor marked " +
                        "'<!-- fragment of: FILE#EXAMPLE -->' on the line before it.");
                    break;
                case Kind.Fragment:
                    var hash = block.FragmentOf!.IndexOf('#', StringComparison.Ordinal);
                    var targetFile = hash < 0 ? block.FragmentOf : block.FragmentOf[..hash];
                    var targetName = hash < 0 ? "" : block.FragmentOf[(hash + 1)..];
                    var targetBlocks = targetFile == block.File ? blocks : read(targetFile);
                    if (targetBlocks is null || !targetBlocks.Any(b => b.Kind == Kind.Complete && b.Example == targetName))
                    {
                        problems.Add($"{block}: the fragment names the example '{block.FragmentOf}', which does not exist " +
                            "(a complete block marked '<!-- example: NAME -->' in that file).");
                    }

                    break;
                case Kind.CompiledElsewhere:
                    var source = readSource(block.CompiledIn!)?.ReplaceLineEndings("\n");
                    if (source is null || !source.Contains(block.Code, StringComparison.Ordinal))
                    {
                        problems.Add($"{block}: '{block.CompiledIn}' does not exist or does not contain the block verbatim.");
                    }

                    break;
                case Kind.Complete:
                default:
                    break;
            }

            if (block.Example is not null && !block.IsComplete)
            {
                problems.Add($"{block}: a block marked as the example '{block.Example}' must be a complete file (starting with its using directives).");
            }
        }

        return problems;
    }

    [GeneratedRegex(@"^<!--\s*(?<kind>example|fragment of|compiled in):\s*(?<value>\S+)\s*-->$")]
    private static partial Regex MarkerPattern();
}
