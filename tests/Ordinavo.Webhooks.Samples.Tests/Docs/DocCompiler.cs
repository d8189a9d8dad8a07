using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ordinavo.Webhooks.Samples.Tests.Docs;

/// <summary>
/// Compiles a documentation block as the file of a <c>dotnet new web</c> project (its implicit usings, nullable on),
/// against the packages of this repository and the ASP.NET Core shared framework.
/// </summary>
internal static class DocCompiler
{
    // The implicit usings of the Web SDK (ImplicitUsings=enable): what a `dotnet new web` project has without writing them.
    private static readonly string[] WebSdkImplicitUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Net.Http.Json",
        "System.Threading", "System.Threading.Tasks", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => !Path.GetFileName(path).StartsWith("Ordinavo.Webhooks.Samples", StringComparison.Ordinal))
            .Select(path => MetadataReference.CreateFromFile(path)),
    ]);

    /// <summary>Compiles <paramref name="code"/>; returns the assembly image, or fails the test with the compiler's errors.</summary>
    public static byte[] Compile(string code, string assemblyName, string origin) => Compile([code], assemblyName, origin);

    /// <summary>
    /// Compiles <paramref name="files"/> as the files of one project; returns the assembly image, or fails the test with
    /// the compiler's errors.
    /// </summary>
    public static byte[] Compile(IReadOnlyList<string> files, string assemblyName, string origin)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var usings = CSharpSyntaxTree.ParseText(string.Concat(WebSdkImplicitUsings.Select(u => $"global using {u};\n")), parse, "GlobalUsings.g.cs");
        var trees = files.Select((code, i) => CSharpSyntaxTree.ParseText(code, parse, i == 0 ? "Program.cs" : $"File{i}.cs")).ToList();
        var hasTopLevelStatements = trees.Any(t => t.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any());
        if (hasTopLevelStatements)
        {
            // What the Web SDK's source generator adds to a project with top-level statements (ASP.NET Core 10): a public
            // Program, so that a test project's WebApplicationFactory<Program> can name it.
            trees.Add(CSharpSyntaxTree.ParseText("public partial class Program;\n", parse, "PublicProgram.g.cs"));
        }

        var compilation = CSharpCompilation.Create(
            assemblyName,
            [usings, .. trees],
            References.Value,
            new CSharpCompilationOptions(
                hasTopLevelStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(result.Success, $"The C# example at {origin} does not compile as written:\n{string.Join('\n', errors)}\n\n{string.Join("\n// ----\n", files)}");
        return image.ToArray();
    }
}
