namespace Ordinavo.Webhooks.Samples.Demo;

/// <summary>Plain-text output helpers: ASCII only, no colours or cursor tricks, so redirected output (CI) reads the same.</summary>
internal static class ConsoleText
{
    public static void Line(string text = "") => Console.Out.WriteLine(text);

    public static void Heading(string text)
    {
        Line();
        Line(text);
        Line(new string('-', text.Length));
    }

    public static string Cut(string? text, int length)
    {
        text = Ascii(text ?? "-");
        return text.Length <= length ? text : text[..(length - 3)] + "...";
    }

    /// <summary>Writes <paramref name="text"/> in lines of at most <paramref name="width"/> characters, broken at spaces.</summary>
    public static void Wrap(string text, int width, string indent)
    {
        var line = new System.Text.StringBuilder();
        foreach (var word in Ascii(text).Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                Line(indent + line);
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(word);
        }

        if (line.Length > 0)
        {
            Line(indent + line);
        }
    }

    /// <summary>Replaces what a redirected console might garble (the preview's ellipsis, other non-ASCII) by ASCII.</summary>
    public static string Ascii(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(c switch
            {
                '\u2026' => "...",
                < (char)128 => c.ToString(),
                _ => "?",
            });
        }

        return result.ToString();
    }
}
