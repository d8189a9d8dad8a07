using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ordinavo.Webhooks.Cli.Commands;
using Ordinavo.Webhooks.Cli.Secrets;

namespace Ordinavo.Webhooks.Cli;

/// <summary>The <c>ordinavo-webhooks</c> command line: builds the commands, parses, runs one.</summary>
internal static class CliApplication
{
    /// <summary>The command's name, as installed.</summary>
    public const string CommandName = "ordinavo-webhooks";

    /// <summary>Runs the tool with <paramref name="args"/>; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="environment">Where to write and what to read.</param>
    /// <param name="cancellationToken">Stops a running command (Ctrl+C stops it too).</param>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var root = CreateRootCommand(environment);
        var parseResult = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = environment.Output, Error = environment.Error, EnableDefaultExceptionHandler = false };
        if (parseResult.Errors.Count > 0 && parseResult.Action is not HelpAction)
        {
            foreach (var error in parseResult.Errors)
            {
                await environment.Error.WriteLineAsync("error: " + SecretRedactor.Redact(error.Message)).ConfigureAwait(false);
            }

            var command = parseResult.CommandResult.Command;
            var path = command == root ? CommandName : $"{CommandName} {CommandPath(command)}";
            await environment.Error.WriteLineAsync($"Run '{path} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // One line, secrets masked: no stack trace for a tool's user.
            await environment.Error.WriteLineAsync("error: " + SecretRedactor.Redact(ex.Message)).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <summary>The root command with every sub-command.</summary>
    public static Command CreateRootCommand(CliEnvironment environment)
    {
        var root = new Command(
            CommandName,
            "Ordinavo webhooks for integrators: send signed sample events to your endpoint, receive and inspect webhooks " +
            "locally, verify a captured request, sign a body, print samples, JSON Schemas and fresh secrets.")
        {
            TriggerCommand.Create(environment),
            ListenCommand.Create(environment),
            VerifyCommand.Create(environment),
            SignCommand.Create(environment),
            SampleCommand.Create(environment),
            SchemaCommand.Create(environment),
            SecretCommand.Create(environment),
            new HelpOption(),
            new VersionOption(),
        };
        return root;
    }

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is Command current && current.Parents.Any(); symbol = current.Parents.FirstOrDefault())
        {
            names.Insert(0, current.Name);
        }

        return string.Join(' ', names);
    }
}
