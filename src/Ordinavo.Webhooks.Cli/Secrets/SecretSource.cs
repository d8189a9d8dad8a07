using System;
using System.Collections.Generic;
using System.CommandLine;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Cli.Secrets;

/// <summary>Reads the secrets of a command from <c>--secret</c> or, when absent, from <c>ORDINAVO_WEBHOOK_SECRET</c>.</summary>
internal static class SecretSource
{
    /// <summary>The environment variable read when no <c>--secret</c> is given.</summary>
    public const string VariableName = "ORDINAVO_WEBHOOK_SECRET";

    /// <summary>Creates the <c>--secret</c> option.</summary>
    /// <param name="several">Whether several secrets may be given.</param>
    public static Option<string[]> CreateOption(bool several) => new("--secret", "-s")
    {
        Description = several
            ? $"A webhook secret (whsec_...); repeat for several. Default: {VariableName} (several separated by commas)."
            : $"The webhook secret (whsec_...). Default: {VariableName}.",
        Arity = several ? ArgumentArity.OneOrMore : ArgumentArity.ExactlyOne,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Parses the secrets; on failure <paramref name="error"/> says why, never showing a value.</summary>
    public static bool TryResolve(ParseResult parseResult, Option<string[]> option, CliEnvironment environment, out IReadOnlyList<WebhookSecret> secrets, out string? error)
    {
        var given = parseResult.GetValue(option) ?? [];
        var origin = "--secret";
        if (given.Length == 0)
        {
            var variable = environment.GetVariable(VariableName);
            given = string.IsNullOrWhiteSpace(variable)
                ? []
                : variable.Split([',', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
            origin = VariableName;
        }

        var parsed = new List<WebhookSecret>();
        secrets = parsed;
        if (given.Length == 0)
        {
            error = $"A secret is required: pass --secret whsec_... or set {VariableName}.";
            return false;
        }

        for (var i = 0; i < given.Length; i++)
        {
            if (!WebhookSecret.TryParse(given[i].Trim(), out var secret, out var reason))
            {
                error = given.Length == 1
                    ? $"The secret from {origin} is not a valid webhook secret ({reason})."
                    : $"Secret #{i + 1} from {origin} is not a valid webhook secret ({reason}).";
                return false;
            }

            parsed.Add(secret);
        }

        error = null;
        return true;
    }
}
