using System.Reflection;
using PublicApiGenerator;

namespace Ordinavo.Webhooks.TestSupport;

/// <summary>
/// The public API of a package as C# declarations (PublicApiGenerator: nullability, <c>required</c>, generic
/// constraints, default values and attributes included), compared with an approved file by <see cref="Snapshot"/>,
/// so that every public API change shows up as a reviewed diff.
/// </summary>
public static class PublicApi
{
    private static readonly ApiGeneratorOptions Options = new()
    {
        // Every public type of the package counts, also those the package puts into Microsoft.* namespaces
        // (DI and endpoint-routing extension classes), which the generator leaves out by default.
        DenyNamespacePrefixes = [],
        // Assembly attributes (target framework, InternalsVisibleTo) are build details, not API; without them one
        // approved file serves every target framework of a package.
        IncludeAssemblyAttributes = false,
        // A record's equality and with-expressions are part of its contract.
        TreatRecordsAsClasses = false,
    };

    /// <summary>The public API of <paramref name="assembly"/>.</summary>
    public static string Dump(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GeneratePublicApi(Options);
    }
}
