using System;
using System.IO;

namespace Ordinavo.Webhooks.Cli;

/// <summary>Where the tool writes and what it reads from its surroundings; the process's own by default.</summary>
internal sealed class CliEnvironment
{
    /// <summary>Creates an environment.</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="getVariable">Reads an environment variable.</param>
    /// <param name="outputRedirected">Whether standard output goes to a file or pipe rather than a terminal.</param>
    public CliEnvironment(TextWriter output, TextWriter error, Func<string, string?> getVariable, bool outputRedirected)
    {
        Output = output;
        Error = error;
        GetVariable = getVariable;
        OutputRedirected = outputRedirected;
    }

    /// <summary>Standard output: results (tables or JSON).</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error: errors and usage messages.</summary>
    public TextWriter Error { get; }

    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> GetVariable { get; }

    /// <summary>Whether standard output is redirected (then no colours).</summary>
    public bool OutputRedirected { get; }

    /// <summary>Whether colours are off: output redirected or <c>NO_COLOR</c> set.</summary>
    public bool NoColor => OutputRedirected || !string.IsNullOrEmpty(GetVariable("NO_COLOR"));

    /// <summary>The environment of this process.</summary>
    public static CliEnvironment FromProcess() =>
        new(Console.Out, Console.Error, Environment.GetEnvironmentVariable, Console.IsOutputRedirected);
}
