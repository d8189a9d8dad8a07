using System.CommandLine;
using Ordinavo.Webhooks.Cli.Output;
using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Cli.Commands;

/// <summary><c>sample &lt;eventType&gt;</c>: prints the realistic sample body of an event type, as the publisher sends it.</summary>
internal static class SampleCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliEnvironment environment)
    {
        var eventType = CommonOptions.EventType("The event type, e.g. visit_report.approved.");
        var eventId = new Option<string>("--event-id") { Description = "Put this eventId in the body instead of the sample's fixed one." };
        var tenant = new Option<string>("--tenant") { Description = "Put this tenantId in the body instead of tenant-123." };
        var indent = new Option<bool>("--indent") { Description = "Indent the JSON (the publisher sends it compact)." };
        var command = new Command("sample", "Print the sample body of an event type: the exact bytes the publisher sends (compact JSON).")
        {
            eventType, eventId, tenant, indent,
        };
        command.SetAction(parseResult =>
        {
            CommonOptions.TryGetEventType(parseResult.GetValue(eventType), out var type);
            var sample = SampleEventFactory.Create(type, parseResult.GetValue(eventId), parseResult.GetValue(tenant));
            new CliOutput(environment, json: false).WriteRaw(WebhookEventSerializer.SerializeToString(sample, parseResult.GetValue(indent)));
            return ExitCodes.Success;
        });
        return command;
    }
}
