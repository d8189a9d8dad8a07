using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using Ordinavo.Webhooks.Cli.Secrets;
using Spectre.Console;

namespace Ordinavo.Webhooks.Cli.Output;

/// <summary>
/// The output of one command: human tables (Spectre.Console) on standard output, or one JSON document per result
/// with <c>--json</c>; errors on standard error. Colours are off when output is redirected or <c>NO_COLOR</c> is set.
/// Thread-safe: <c>listen</c> writes from request threads.
/// </summary>
internal sealed class CliOutput
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly CliEnvironment _environment;
    private readonly Lock _gate = new();

    /// <summary>Creates the output of a command.</summary>
    /// <param name="environment">Where to write.</param>
    /// <param name="json">Whether results are JSON.</param>
    public CliOutput(CliEnvironment environment, bool json)
    {
        _environment = environment;
        Json = json;
        var noColor = environment.NoColor;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = noColor ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = noColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(environment.Output),
        });
        if (environment.OutputRedirected)
        {
            Console.Profile.Width = 200;
        }
    }

    /// <summary>Whether results are written as JSON.</summary>
    public bool Json { get; }

    /// <summary>The console for human output.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Writes a renderable (table, text) for humans.</summary>
    public void Write(Spectre.Console.Rendering.IRenderable renderable)
    {
        lock (_gate)
        {
            Console.Write(renderable);
        }
    }

    /// <summary>Writes a line of markup for humans.</summary>
    public void MarkupLine(string markup)
    {
        lock (_gate)
        {
            Console.MarkupLine(markup);
        }
    }

    /// <summary>Writes plain text and a line break to standard output, as it stands.</summary>
    public void WriteRaw(string text)
    {
        lock (_gate)
        {
            _environment.Output.WriteLine(text);
            _environment.Output.Flush();
        }
    }

    /// <summary>Writes a JSON document: indented for one result, one line per item when <paramref name="line"/> is set.</summary>
    public void WriteJson(JsonNode node, bool line = false)
    {
        var text = node.ToJsonString(line ? Compact : Indented);
        WriteRaw(text);
    }

    /// <summary>Writes an error to standard error (secrets masked).</summary>
    public void Error(string message)
    {
        lock (_gate)
        {
            _environment.Error.WriteLine("error: " + SecretRedactor.Redact(message));
            _environment.Error.Flush();
        }
    }
}
