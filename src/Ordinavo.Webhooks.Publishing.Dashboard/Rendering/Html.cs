namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>Markup that <see cref="HtmlWriter"/> built (already encoded): written as is where a hole of an interpolated string holds it.</summary>
internal readonly record struct Html(string Value)
{
    public static readonly Html Empty = new(string.Empty);

    public override string ToString() => Value;
}
