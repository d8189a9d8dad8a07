using System;

namespace Ordinavo.Webhooks.Cli.Output;

/// <summary>Small helpers for Spectre.Console markup.</summary>
internal static class MarkupText
{
    /// <summary>Escapes text for markup.</summary>
    public static string Escape(string? text) => Spectre.Console.Markup.Escape(text ?? string.Empty);

    /// <summary>A status code coloured green for 2xx, yellow for 409 and 503, red otherwise.</summary>
    public static string Status(int status) => status switch
    {
        >= 200 and < 300 => $"[green]{status}[/]",
        409 or 503 => $"[yellow]{status}[/]",
        0 => "[red]-[/]",
        _ => $"[red]{status}[/]",
    };

    /// <summary>A check mark or cross.</summary>
    public static string Verdict(bool ok, string text) => ok ? $"[green]{Escape(text)}[/]" : $"[red]{Escape(text)}[/]";
}
