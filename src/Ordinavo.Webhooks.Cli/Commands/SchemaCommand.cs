using System.CommandLine;
using System.IO;
using Ordinavo.Webhooks.Cli.Output;

namespace Ordinavo.Webhooks.Cli.Commands;

/// <summary><c>schema &lt;eventType&gt;</c>: prints the JSON Schema (draft 2020-12) of an event type's body.</summary>
internal static class SchemaCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliEnvironment environment)
    {
        var eventType = CommonOptions.EventType("The event type, e.g. visit_report.approved.");
        var command = new Command("schema", "Print the JSON Schema (draft 2020-12) of an event type's body.") { eventType };
        command.SetAction(parseResult =>
        {
            var type = parseResult.GetValue(eventType)!;
            using var stream = typeof(SchemaCommand).Assembly.GetManifestResourceStream($"schemas/{type}.schema.json");
            var output = new CliOutput(environment, json: false);
            if (stream is null)
            {
                output.Error($"There is no schema for '{type}'.");
                return ExitCodes.Failure;
            }

            using var reader = new StreamReader(stream);
            output.WriteRaw(reader.ReadToEnd().TrimEnd());
            return ExitCodes.Success;
        });
        return command;
    }
}
