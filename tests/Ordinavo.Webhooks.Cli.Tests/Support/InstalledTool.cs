using System.Diagnostics;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Cli.Tests.Support;

/// <summary>
/// The tool packed from the CLI project into a temporary folder and installed from there with
/// <c>dotnet tool install --tool-path</c>, once for all tests of the collection.
/// </summary>
public sealed class InstalledTool : IAsyncLifetime
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly string _root = Path.Combine(Path.GetTempPath(), "ordinavo-cli-tests-" + Guid.NewGuid().ToString("N"));

    public string PackageFolder => Path.Combine(_root, "packages");

    public string ToolFolder => Path.Combine(_root, "tools");

    public string Executable => Path.Combine(ToolFolder, OperatingSystem.IsWindows() ? "ordinavo-webhooks.exe" : "ordinavo-webhooks");

    public string Version { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(PackageFolder);
        var project = RepositoryPaths.Combine("src", "Ordinavo.Webhooks.Cli", "Ordinavo.Webhooks.Cli.csproj");
        await DotnetAsync(RepositoryPaths.Root, "pack", project, "-c", Configuration, "--no-build", "-o", PackageFolder);
        var package = Directory.GetFiles(PackageFolder, "Ordinavo.Webhooks.Cli.*.nupkg").Single(p => !p.EndsWith(".snupkg", StringComparison.Ordinal));
        Version = Path.GetFileNameWithoutExtension(package)["Ordinavo.Webhooks.Cli.".Length..];

        // Offline and from the packed folder only: a configuration with that one source (a tool package carries
        // its dependencies, so nothing else is needed), used from a folder outside the repository.
        var config = Path.Combine(_root, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{PackageFolder}" />
              </packageSources>
            </configuration>
            """);
        await DotnetAsync(_root, "tool", "install", "--tool-path", ToolFolder, "--configfile", config, "--add-source", PackageFolder, "Ordinavo.Webhooks.Cli", "--version", Version);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    public ToolProcess Start(IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        ToolProcess.Start(Executable, environment, args);

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        using var process = Start(environment, args);
        var exitCode = await process.WaitAsync(TimeSpan.FromSeconds(30));
        return (exitCode, process.Output.ToString(), process.Error.ToString());
    }

    private static async Task DotnetAsync(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed ({process.ExitCode}): {await output} {await error}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class InstalledToolCollection : ICollectionFixture<InstalledTool>
{
    public const string Name = "Installed tool";
}
