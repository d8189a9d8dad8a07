using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using Ordinavo.Webhooks.Cli.Output;
using Ordinavo.Webhooks.Cli.Secrets;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Signing;
using Spectre.Console;

namespace Ordinavo.Webhooks.Cli.Commands;

/// <summary><c>sign</c>: prints the headers of a body signed with a secret, and a ready <c>curl</c> line.</summary>
internal static class SignCommand
{
    /// <summary>The endpoint of the printed <c>curl</c> line unless <c>--url</c> is given.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080/webhooks/ordinavo";

    /// <summary>Creates the command.</summary>
    public static Command Create(CliEnvironment environment)
    {
        var secret = SecretSource.CreateOption(several: true);
        var body = new Option<FileInfo>("--body", "-b") { Description = "The file holding the exact body bytes.", Required = true };
        var eventId = new Option<string>("--event-id") { Description = "The X-Ordinavo-Event-Id to sign. Default: the body's eventId." };
        var eventType = new Option<string>("--event-type") { Description = "The X-Ordinavo-Event-Type. Default: the body's eventType." };
        var timestamp = new Option<string>("--timestamp", "-t") { Description = "The signing time: ISO 8601 (2026-06-18T16:40:00Z) or Unix seconds. Default: now." };
        var standard = new Option<bool>("--standard-webhooks") { Description = "Add the Standard Webhooks headers too." };
        var url = new Option<string>("--url") { Description = $"The endpoint of the curl line. Default: {DefaultUrl}." };
        var json = CommonOptions.Json();
        var command = new Command("sign", "Print the headers (and a ready curl line) that sign a body.")
        {
            secret, body, eventId, eventType, timestamp, standard, url, json,
        };
        command.SetAction(parseResult =>
        {
            var output = new CliOutput(environment, parseResult.GetValue(json));
            if (!SecretSource.TryResolve(parseResult, secret, environment, out var secrets, out var error))
            {
                output.Error(error!);
                return ExitCodes.Usage;
            }

            var file = parseResult.GetValue(body)!;
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file.FullName);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                output.Error($"Cannot read the body file '{file.Name}': {ex.Message}");
                return ExitCodes.Failure;
            }

            var id = parseResult.GetValue(eventId) ?? BodyInspector.GetString(bytes, "eventId");
            if (string.IsNullOrWhiteSpace(id))
            {
                output.Error("The body has no eventId: pass --event-id.");
                return ExitCodes.Usage;
            }

            var type = parseResult.GetValue(eventType) ?? BodyInspector.GetString(bytes, "eventType");
            if (!TryParseTimestamp(parseResult.GetValue(timestamp), out var signedAt))
            {
                output.Error("--timestamp is neither an ISO 8601 time (2026-06-18T16:40:00Z) nor Unix seconds.");
                return ExitCodes.Usage;
            }

            var signature = new WebhookSigner(secrets).Sign(id, signedAt, bytes, parseResult.GetValue(standard));
            var headers = new List<KeyValuePair<string, string>> { new(WebhookHeaderNames.ContentType, WebhookHeaderNames.JsonContentType) };
            headers.AddRange(signature.ToHeaders());
            if (type is not null)
            {
                headers.Add(new(WebhookHeaderNames.EventType, type));
            }

            headers.Add(new(WebhookHeaderNames.DeliveryId, WebhookIdentifiers.NewDeliveryId()));
            headers.Add(new(WebhookHeaderNames.DeliveryAttempt, "1"));
            var curl = Curl(parseResult.GetValue(url) ?? DefaultUrl, headers, file.FullName);
            if (output.Json)
            {
                var headerObject = new JsonObject();
                foreach (var header in headers)
                {
                    headerObject[header.Key] = header.Value;
                }

                output.WriteJson(new JsonObject { ["headers"] = headerObject, ["curl"] = curl });
                return ExitCodes.Success;
            }

            var table = new Table().AddColumn("Header").AddColumn("Value");
            foreach (var header in headers)
            {
                table.AddRow(MarkupText.Escape(header.Key), MarkupText.Escape(header.Value));
            }

            output.Write(table);
            output.WriteRaw(string.Empty);
            output.WriteRaw(curl);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Parses an ISO 8601 time or Unix seconds; null or empty is now.</summary>
    public static bool TryParseTimestamp(string? value, out DateTimeOffset timestamp)
    {
        if (string.IsNullOrWhiteSpace(value) || value == "now")
        {
            timestamp = DateTimeOffset.UtcNow;
            return true;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) && unix < 253402300800)
        {
            timestamp = DateTimeOffset.FromUnixTimeSeconds(unix);
            return true;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out timestamp);
    }

    private static string Curl(string url, List<KeyValuePair<string, string>> headers, string bodyPath)
    {
        var line = new StringBuilder("curl -sS -X POST ").Append(Quote(url));
        foreach (var header in headers)
        {
            line.Append(" -H ").Append(Quote($"{header.Key}: {header.Value}"));
        }

        return line.Append(" --data-binary ").Append(Quote("@" + bodyPath)).ToString();
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
