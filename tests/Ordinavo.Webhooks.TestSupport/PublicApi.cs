using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Ordinavo.Webhooks.TestSupport;

/// <summary>
/// A stable, sorted text dump of an assembly's public surface (types, members, signatures), used as a
/// snapshot so that every public API change shows up as a reviewed diff.
/// </summary>
public static class PublicApi
{
    /// <summary>Dumps the public API of <paramref name="assembly"/>.</summary>
    public static string Dump(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var sb = new StringBuilder();
        sb.Append("// Public API of ").Append(assembly.GetName().Name).Append('\n');
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            sb.Append('\n').Append(TypeHeader(type)).Append('\n');
            foreach (var line in Members(type).Distinct().OrderBy(l => l, StringComparer.Ordinal))
            {
                sb.Append("    ").Append(line).Append('\n');
            }
        }

        return sb.ToString();
    }

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance |
                                          BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static string TypeHeader(Type type)
    {
        var kind = type.IsEnum ? "enum" :
            type.IsInterface ? "interface" :
            type.IsValueType ? (type.IsDefined(typeof(IsReadOnlyAttribute)) ? "readonly struct" : "struct") :
            typeof(Delegate).IsAssignableFrom(type) ? "delegate" :
            type.IsAbstract && type.IsSealed ? "static class" :
            type.IsAbstract ? "abstract class" :
            type.IsSealed ? "sealed class" : "class";
        var header = $"{kind} {Name(type)}";
        var bases = new List<string>();
        if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum) &&
            b != typeof(MulticastDelegate))
        {
            bases.Add(Name(b));
        }

        bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).OrderBy(n => n, StringComparer.Ordinal));
        return bases.Count == 0 ? header : $"{header} : {string.Join(", ", bases)}";
    }

    private static IEnumerable<string> Members(Type type)
    {
        if (type.IsEnum)
        {
            foreach (var name in Enum.GetNames(type))
            {
                var value = Convert.ToInt64(Enum.Parse(type, name), System.Globalization.CultureInfo.InvariantCulture);
                yield return $"{name} = {value}";
            }

            yield break;
        }

        foreach (var member in type.GetMembers(Declared))
        {
            switch (member)
            {
                case ConstructorInfo c when c.IsPublic || c.IsFamily || c.IsFamilyOrAssembly:
                    yield return $"{Access(c)}ctor({Parameters(c.GetParameters())})";
                    break;
                case MethodInfo m when (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly) && !m.IsSpecialName:
                    yield return $"{Access(m)}{(m.IsStatic ? "static " : "")}{(m.IsAbstract && !type.IsInterface ? "abstract " : m.IsVirtual && !m.IsFinal && !type.IsInterface ? "virtual " : "")}{Name(m.ReturnType)} {m.Name}{Generic(m)}({Parameters(m.GetParameters())})";
                    break;
                case MethodInfo op when op.IsPublic && op.IsSpecialName && op.Name.StartsWith("op_", StringComparison.Ordinal):
                    yield return $"static {Name(op.ReturnType)} {op.Name}({Parameters(op.GetParameters())})";
                    break;
                case PropertyInfo p:
                    var get = p.GetMethod is { } g && (g.IsPublic || g.IsFamily || g.IsFamilyOrAssembly);
                    var set = p.SetMethod is { } s && (s.IsPublic || s.IsFamily || s.IsFamilyOrAssembly);
                    if (get || set)
                    {
                        var isStatic = (p.GetMethod ?? p.SetMethod)!.IsStatic;
                        var init = set && p.SetMethod!.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit");
                        var index = p.GetIndexParameters();
                        var name = index.Length == 0 ? p.Name : $"this[{Parameters(index)}]";
                        yield return $"{(isStatic ? "static " : "")}{Name(p.PropertyType)} {name} {{ {(get ? "get; " : "")}{(set ? (init ? "init; " : "set; ") : "")}}}";
                    }

                    break;
                case FieldInfo f when f.IsPublic || f.IsFamily:
                    yield return $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{(f.IsInitOnly ? "readonly " : "")}{Name(f.FieldType)} {f.Name}";
                    break;
                case EventInfo e when e.AddMethod is { IsPublic: true }:
                    yield return $"event {Name(e.EventHandlerType!)} {e.Name}";
                    break;
            }
        }
    }

    private static string Access(MethodBase m) => m.IsPublic ? "" : "protected ";

    private static string Generic(MethodInfo m) =>
        m.IsGenericMethodDefinition ? $"<{string.Join(", ", m.GetGenericArguments().Select(a => a.Name))}>" : "";

    private static string Parameters(ParameterInfo[] parameters) =>
        string.Join(", ", parameters.Select(p =>
        {
            var prefix = p.IsOut ? "out " : p.ParameterType.IsByRef ? (p.IsIn ? "in " : "ref ") : "";
            if (p.IsDefined(typeof(ParamArrayAttribute)))
            {
                prefix += "params ";
            }

            var type = p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType;
            var nullable = new NullabilityInfoContext().Create(p).ReadState == NullabilityState.Nullable && !type.IsValueType ? "?" : "";
            var optional = p.HasDefaultValue ? " = " + (p.DefaultValue is null ? (type.IsValueType ? "default" : "null") : p.DefaultValue is string s ? $"\"{s}\"" : p.DefaultValue is bool bl ? (bl ? "true" : "false") : p.DefaultValue.ToString()) : "";
            return $"{prefix}{Name(type)}{nullable} {p.Name}{optional}";
        }));

    /// <summary>A readable C#-like name of a type, with generic arguments.</summary>
    public static string Name(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying) + "?";
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (type.IsByRef)
        {
            return Name(type.GetElementType()!);
        }

        var name = type.IsNested && !type.IsGenericParameter ? $"{Name(type.DeclaringType!)}.{type.Name}" :
            type.IsGenericParameter ? type.Name : $"{type.Namespace}.{type.Name}";
        if (type.IsGenericType)
        {
            var tick = name.IndexOf('`', StringComparison.Ordinal);
            if (tick >= 0)
            {
                name = name[..tick];
            }

            name += $"<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
        }

        return name switch
        {
            "System.String" => "string",
            "System.Int32" => "int",
            "System.Int64" => "long",
            "System.Boolean" => "bool",
            "System.Byte" => "byte",
            "System.Void" => "void",
            "System.Object" => "object",
            "System.Double" => "double",
            _ => name,
        };
    }
}
