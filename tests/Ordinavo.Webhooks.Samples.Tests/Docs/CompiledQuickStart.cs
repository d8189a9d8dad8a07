using System.Runtime.InteropServices;

namespace Ordinavo.Webhooks.Samples.Tests.Docs;

/// <summary>
/// A documentation example compiled into a folder of its own, beside this project's assemblies and the native
/// libraries of this platform (no deps.json: the host loads them from the folder), ready to run as <c>dotnet X.dll</c>.
/// The folder is deleted on dispose.
/// </summary>
internal sealed class CompiledQuickStart : IDisposable
{
    private CompiledQuickStart(DirectoryInfo folder, string dll)
    {
        Folder = folder;
        Dll = dll;
    }

    public DirectoryInfo Folder { get; }

    public string Dll { get; }

    public static async Task<CompiledQuickStart> CreateAsync(IReadOnlyList<MarkdownCSharpBlocks.Block> files, string assemblyName)
    {
        var folder = Directory.CreateTempSubdirectory("ordinavo-quickstart-");
        foreach (var dll in Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
        {
            File.Copy(dll, Path.Combine(folder.FullName, Path.GetFileName(dll)));
        }

        // SQLite's native library, found in the application folder when there is no deps.json.
        var native = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native");
        if (Directory.Exists(native))
        {
            foreach (var library in Directory.GetFiles(native))
            {
                File.Copy(library, Path.Combine(folder.FullName, Path.GetFileName(library)));
            }
        }

        var path = Path.Combine(folder.FullName, assemblyName + ".dll");
        await File.WriteAllBytesAsync(path, DocCompiler.Compile([.. files.Select(f => f.Code)], assemblyName, files[0].ToString()));
        File.Copy(
            Path.ChangeExtension(SampleProcess.DllPath("Ordinavo.Webhooks.Samples.Receiver"), ".runtimeconfig.json"),
            Path.Combine(folder.FullName, assemblyName + ".runtimeconfig.json"));
        return new CompiledQuickStart(folder, path);
    }

    public void Dispose()
    {
        try
        {
            Folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A process that has just been killed may still hold a file for a moment; the folder is temporary.
        }
    }
}
