using System.Runtime.CompilerServices;

namespace Ordinavo.Webhooks.TestSupport;

/// <summary>Locates files of the repository (docs, schemas) from a test's source location.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the folder above this file's that holds <c>Ordinavo.Webhooks.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path below the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot([CallerFilePath] string thisFile = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(thisFile)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ordinavo.Webhooks.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Ordinavo.Webhooks.sln was not found above the test sources.");
    }
}
