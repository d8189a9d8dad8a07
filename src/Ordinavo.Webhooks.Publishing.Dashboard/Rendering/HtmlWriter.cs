using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>
/// Builds the dashboard's HTML. In <see cref="Append"/> the literal parts of the interpolated string are the page's
/// markup, and every hole is encoded with <see cref="HtmlEncoder"/> (text and attribute values alike), unless it holds
/// <see cref="Html"/> that this writer built. So data can never become markup.
/// </summary>
/// <remarks>
/// Written by hand instead of Razor components: components are always generated as public classes (by design in
/// ASP.NET Core), so every page and view model would become supported public API of the package, and rendering them
/// needs the Blazor renderer registered in the host (<c>AddRazorComponents</c>). This writer keeps the package's API
/// to the Add and Map calls and its options, and the host adopts nothing.
/// </remarks>
internal sealed class HtmlWriter
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;
    private readonly StringBuilder _builder = new(16 * 1024);

    /// <summary>Writes the interpolated markup, encoding every hole (the handler has written it when this runs).</summary>
    public HtmlWriter Append([InterpolatedStringHandlerArgument("")] ref HtmlHandler handler)
    {
        _ = handler;
        return this;
    }

    /// <summary>Writes encoded text.</summary>
    public void Text(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            _builder.Append(Encoder.Encode(text));
        }
    }

    /// <summary>Markup built by <paramref name="build"/> on a writer of its own, for a hole of another interpolated string.</summary>
    public static Html Fragment(Action<HtmlWriter> build)
    {
        var writer = new HtmlWriter();
        build(writer);
        return new Html(writer.ToString());
    }

    /// <summary>The HTML written so far.</summary>
    public override string ToString() => _builder.ToString();

    /// <summary>The interpolated string handler of <see cref="Append"/>: literals as is, holes encoded.</summary>
    [InterpolatedStringHandler]
    public ref struct HtmlHandler
    {
        private readonly StringBuilder _builder;

        public HtmlHandler(int literalLength, int formattedCount, HtmlWriter writer)
        {
            _ = literalLength;
            _ = formattedCount;
            _builder = writer._builder;
        }

        public readonly void AppendLiteral(string value) => _builder.Append(value);

        public readonly void AppendFormatted(Html value) => _builder.Append(value.Value);

        public readonly void AppendFormatted(string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                _builder.Append(Encoder.Encode(value));
            }
        }

        public readonly void AppendFormatted<T>(T value, string? format = null)
        {
            var text = value is IFormattable formattable ? formattable.ToString(format, CultureInfo.InvariantCulture) : value?.ToString();
            AppendFormatted(text);
        }
    }
}
