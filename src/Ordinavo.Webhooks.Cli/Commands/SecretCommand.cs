using System.CommandLine;
using System.Text.Json.Nodes;
using Ordinavo.Webhooks.Cli.Output;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Cli.Commands;

/// <summary><c>secret new</c>: prints a fresh webhook secret.</summary>
internal static class SecretCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliEnvironment environment)
    {
        var json = CommonOptions.Json();
        var create = new Command("new", "Print a fresh webhook secret: whsec_ and the base64 of 32 random bytes.") { json };
        create.SetAction(parseResult =>
        {
            var output = new CliOutput(environment, parseResult.GetValue(json));
            var secret = WebhookSecret.Generate().ExposeSecret();
            if (output.Json)
            {
                output.WriteJson(new JsonObject { ["secret"] = secret });
            }
            else
            {
                output.WriteRaw(secret);
            }

            return ExitCodes.Success;
        });
        return new Command("secret", "Webhook secrets.") { create };
    }
}
