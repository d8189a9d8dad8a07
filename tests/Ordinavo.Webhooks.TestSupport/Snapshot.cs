using System.Runtime.CompilerServices;
using System.Text;
using Xunit.Sdk;

namespace Ordinavo.Webhooks.TestSupport;

/// <summary>
/// Approved-file snapshots (Verify cannot restore here). The approved file sits beside the test source:
/// <c>{name}.verified.{extension}</c>. On a difference the actual text is written to
/// <c>{name}.received.{extension}</c> and the test fails with the first differing line; accept a change by
/// renaming the received file over the verified one. Setting <c>ORDINAVO_ACCEPT_SNAPSHOTS=1</c> writes
/// missing or changed approved files instead of failing (for a deliberate, reviewed update; never on CI).
/// </summary>
public static class Snapshot
{
    /// <summary>Compares <paramref name="actual"/> with the approved JSON file <c>{name}.verified.json</c>.</summary>
    public static void MatchJson(string actual, string name, [CallerFilePath] string callerFile = "")
        => Match(actual, name, "json", callerFile);

    /// <summary>Compares <paramref name="actual"/> with the approved text file <c>{name}.verified.txt</c>.</summary>
    public static void MatchText(string actual, string name, [CallerFilePath] string callerFile = "")
        => Match(actual, name, "txt", callerFile);

    /// <summary>Compares <paramref name="actual"/> with <c>{directory}/{name}.verified.{extension}</c>.</summary>
    public static void Match(string actual, string name, string extension, [CallerFilePath] string callerFile = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        var directory = Path.GetDirectoryName(callerFile)
            ?? throw new InvalidOperationException("The caller's source directory is unknown.");
        var snapshotDirectory = Path.Combine(directory, "Snapshots");
        MatchFile(actual, Path.Combine(snapshotDirectory, $"{name}.verified.{extension}"));
    }

    /// <summary>Compares <paramref name="actual"/> with the approved file at <paramref name="verifiedPath"/>.</summary>
    public static void MatchFile(string actual, string verifiedPath)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(verifiedPath);
        actual = Normalize(actual);
        var receivedPath = verifiedPath.Replace(".verified.", ".received.", StringComparison.Ordinal);
        var accept = Environment.GetEnvironmentVariable("ORDINAVO_ACCEPT_SNAPSHOTS") == "1"
            && Environment.GetEnvironmentVariable("CI") != "true";

        if (!File.Exists(verifiedPath))
        {
            if (accept)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(verifiedPath)!);
                File.WriteAllText(verifiedPath, actual, Utf8NoBom);
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(receivedPath)!);
            File.WriteAllText(receivedPath, actual, Utf8NoBom);
            throw new XunitException(
                $"No approved snapshot at {verifiedPath}. The actual value was written to {receivedPath}; " +
                "review it and rename it to the .verified. name to approve it.");
        }

        var expected = Normalize(File.ReadAllText(verifiedPath, Encoding.UTF8));
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            if (File.Exists(receivedPath))
            {
                File.Delete(receivedPath);
            }

            return;
        }

        if (accept)
        {
            File.WriteAllText(verifiedPath, actual, Utf8NoBom);
            return;
        }

        File.WriteAllText(receivedPath, actual, Utf8NoBom);
        throw new XunitException(
            $"Snapshot mismatch for {Path.GetFileName(verifiedPath)}. {Describe(expected, actual)}" +
            $"{Environment.NewLine}Received: {receivedPath}{Environment.NewLine}Approved: {verifiedPath}" +
            $"{Environment.NewLine}If the change is intended, replace the approved file with the received one.");
    }

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";

    private static string Describe(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end of file>";
            var right = i < a.Length ? a[i] : "<end of file>";
            if (!string.Equals(left, right, StringComparison.Ordinal))
            {
                return $"First difference at line {i + 1}:{Environment.NewLine}  approved: {left}{Environment.NewLine}  received: {right}";
            }
        }

        return "The files differ.";
    }
}
