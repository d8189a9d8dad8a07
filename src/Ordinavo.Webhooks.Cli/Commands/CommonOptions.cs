using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Cli.Commands;

/// <summary>Options and checks shared by several commands.</summary>
internal static class CommonOptions
{
    /// <summary>Creates the <c>--json</c> option.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Write JSON for scripts instead of tables." };

    /// <summary>Creates an event type argument that accepts the contract's 24 event types.</summary>
    /// <param name="description">What the argument is.</param>
    public static Argument<string> EventType(string description)
    {
        var argument = new Argument<string>("eventType") { Description = description };
        argument.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!TryGetEventType(value, out _))
            {
                result.AddError($"'{value}' is not an event type of the contract. Known types: {string.Join(", ", WebhookEventCatalog.All.Select(d => d.Type.Value))}.");
            }
        });
        return argument;
    }

    /// <summary>Adds a check that an integer option is between <paramref name="minimum"/> and <paramref name="maximum"/>.</summary>
    public static Option<int> InRange(this Option<int> option, int minimum, int maximum)
    {
        option.Validators.Add(result =>
        {
            // Only a value that parsed: a token that is no number already has its own error.
            if (result.Tokens.Count == 1 &&
                int.TryParse(result.Tokens[0].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) &&
                (value < minimum || value > maximum))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be between {minimum} and {maximum}."));
            }
        });
        return option;
    }

    /// <summary>Reads one of the contract's event types.</summary>
    public static bool TryGetEventType(string? value, out WebhookEventType type)
    {
        type = default;
        return WebhookEventType.TryParse(value, out type) && type.IsKnown;
    }
}
