#if NETSTANDARD2_0
namespace System.Diagnostics.CodeAnalysis;

/// <summary>Polyfill for netstandard2.0: the parameter is not null when the method returns <see cref="ReturnValue"/>.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
internal sealed class NotNullWhenAttribute(bool returnValue) : Attribute
{
    /// <summary>The return value for which the parameter is not null.</summary>
    public bool ReturnValue { get; } = returnValue;
}
#endif
