namespace Ordinavo.Webhooks.Publishing.Dashboard.Tests.Rendering;

public sealed class HtmlWriterTests
{
    [Fact]
    public void Holes_are_encoded_as_text_and_attribute_values_and_literals_are_markup()
    {
        var value = "\"><script>alert('x')</script>&";
        var writer = new HtmlWriter();
        writer.Append($"<a title=\"{value}\" href=\"{"./deliveries?a=1&b=2"}\">{value}</a>");
        Assert.Equal(
            "<a title=\"&quot;&gt;&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&amp;\" href=\"./deliveries?a=1&amp;b=2\">&quot;&gt;&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&amp;</a>",
            writer.ToString());
    }

    [Fact]
    public void Markup_built_by_the_writer_is_kept_and_numbers_are_invariant()
    {
        var inner = HtmlWriter.Fragment(w => w.Append($"<b>{"<b>"}</b>"));
        var writer = new HtmlWriter();
        writer.Append($"<p>{inner} {1234.5} {(string?)null}</p>");
        Assert.Equal("<p><b>&lt;b&gt;</b> 1234.5 </p>", writer.ToString());
    }
}
