using System.Text;
using Xunit.Sdk;

namespace Ordinavo.Webhooks.Contracts.Tests.Docs;

/// <summary>
/// Drift checks for files generated from the contract types (JSON Schemas, the event catalog): a checked-in file that
/// differs from the generated text fails the test. With <c>ORDINAVO_ACCEPT_SNAPSHOTS=1</c> (ignored when CI=true) the
/// files are rewritten instead, for a deliberate, reviewed update.
/// </summary>
internal static class GeneratedFiles
{
    public static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static bool Accepting =>
        Environment.GetEnvironmentVariable("ORDINAVO_ACCEPT_SNAPSHOTS") == "1"
        && Environment.GetEnvironmentVariable("CI") != "true";

    /// <summary>Compares each generated file with the checked-in one; reports every drifted or stale file at once.</summary>
    public static void Verify(string directory, IReadOnlyDictionary<string, string> generated, string searchPattern)
    {
        var problems = new List<string>();
        foreach (var (fileName, content) in generated.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var path = Path.Combine(directory, fileName);
            var existing = File.Exists(path) ? Normalize(File.ReadAllText(path, Encoding.UTF8)) : null;
            if (string.Equals(existing, content, StringComparison.Ordinal))
            {
                continue;
            }

            if (Accepting)
            {
                Directory.CreateDirectory(directory);
                File.WriteAllText(path, content, Utf8NoBom);
                continue;
            }

            problems.Add(existing is null
                ? $"{fileName}: missing."
                : $"{fileName}: differs from the generated text. {FirstDifference(existing, content)}");
        }

        if (Directory.Exists(directory))
        {
            foreach (var path in Directory.GetFiles(directory, searchPattern))
            {
                var fileName = Path.GetFileName(path);
                if (generated.ContainsKey(fileName))
                {
                    continue;
                }

                if (Accepting)
                {
                    File.Delete(path);
                }
                else
                {
                    problems.Add($"{fileName}: not generated from the contract types any more (stale).");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new XunitException(
                $"Generated files in {directory} drifted from the contract types:{Environment.NewLine}  " +
                string.Join(Environment.NewLine + "  ", problems) + Environment.NewLine +
                "Regenerate them deliberately with ORDINAVO_ACCEPT_SNAPSHOTS=1 and review the diff.");
        }
    }

    public static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end of file>";
            var right = i < a.Length ? a[i] : "<end of file>";
            if (!string.Equals(left, right, StringComparison.Ordinal))
            {
                return $"Line {i + 1}: checked in '{left.Trim()}', generated '{right.Trim()}'.";
            }
        }

        return string.Empty;
    }
}
