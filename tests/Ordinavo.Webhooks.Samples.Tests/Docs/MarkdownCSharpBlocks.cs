namespace Ordinavo.Webhooks.Samples.Tests.Docs;

/// <summary>The <c>```csharp</c> blocks of a markdown file.</summary>
internal static class MarkdownCSharpBlocks
{
    public sealed record Block(string File, int Line, string Code)
    {
        /// <summary>A complete file: it starts with its <c>using</c> directives (the others are fragments of a complete example).</summary>
        public bool IsComplete => Code.StartsWith("using ", StringComparison.Ordinal);

        public override string ToString() => $"{File}:{Line}";
    }

    public static IReadOnlyList<Block> Read(string relativePath)
    {
        var lines = File.ReadAllText(RepositoryPaths.Combine(relativePath.Split('/'))).ReplaceLineEndings("\n").Split('\n');
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

            blocks.Add(new Block(relativePath, start, string.Join('\n', lines[start..end]) + "\n"));
            i = end;
        }

        return blocks;
    }
}
