using System.Text.RegularExpressions;

namespace Ordinavo.Webhooks.TestSupport;

/// <summary>
/// The <c>#region name</c> ... <c>#endregion</c> blocks of a compiled source file, without their common indentation: the
/// code snippets that a README must contain verbatim.
/// </summary>
public static partial class SourceRegions
{
    /// <summary>Reads the regions of the file at <paramref name="path"/>, by name.</summary>
    public static Dictionary<string, string> Read(string path)
    {
        var source = File.ReadAllText(path).ReplaceLineEndings("\n");
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in RegionPattern().Matches(source))
        {
            var lines = match.Groups["body"].Value.TrimEnd('\n', ' ').Split('\n');
            var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
            regions[match.Groups["name"].Value] = string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
        }

        return regions;
    }

    [GeneratedRegex(@"#region (?<name>[\w-]+)\n(?<body>.*?)\n\s*#endregion", RegexOptions.Singleline)]
    private static partial Regex RegionPattern();
}
