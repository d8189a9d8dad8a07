using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Ordinavo.Webhooks.Cli.Output;
using Ordinavo.Webhooks.Cli.Requests;
using Ordinavo.Webhooks.Cli.Secrets;
using Ordinavo.Webhooks.Signing;
using Spectre.Console;

namespace Ordinavo.Webhooks.Cli.Commands;

/// <summary><c>verify</c>: verifies a captured request and explains a failure precisely.</summary>
internal static class VerifyCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliEnvironment environment)
    {
        var secret = SecretSource.CreateOption(several: true);
        var request = new Option<FileInfo>("--request", "-r")
        {
            Description = "A raw HTTP request: optional request line, 'Name: value' header lines, a blank line, the body byte for byte.",
        };
        var headers = new Option<FileInfo>("--headers") { Description = "A file of 'Name: value' header lines (use with --body)." };
        var body = new Option<FileInfo>("--body", "-b") { Description = "The exact body bytes (use with --headers)." };
        var original = new Option<FileInfo>("--original") { Description = "The body as the sender sent it: tells a re-serialized body from a modified one." };
        var tolerance = new Option<int>("--tolerance") { Description = "The timestamp tolerance in seconds. Default: 300.", DefaultValueFactory = _ => 300 }.InRange(1, 31_536_000);
        var json = CommonOptions.Json();
        var command = new Command(
            "verify",
            "Verify a captured request and explain a failure: missing header, timestamp against the tolerance, which secret matches, re-serialized body. " +
            "Exit codes: 0 valid, 3 missing header, 4 malformed header, 5 timestamp outside tolerance, 6 no matching signature, 7 body re-serialized, 8 body modified.")
        {
            secret, request, headers, body, original, tolerance, json,
        };
        command.Validators.Add(result =>
        {
            var hasRequest = result.GetResult(request) is not null;
            var hasHeaders = result.GetResult(headers) is not null;
            var hasBody = result.GetResult(body) is not null;
            if (hasRequest == (hasHeaders || hasBody) || hasHeaders != hasBody)
            {
                result.AddError("Give either --request <file>, or --headers <file> and --body <file>.");
            }
        });
        command.SetAction(parseResult =>
        {
            var output = new CliOutput(environment, parseResult.GetValue(json));
            if (!SecretSource.TryResolve(parseResult, secret, environment, out var secrets, out var error))
            {
                output.Error(error!);
                return ExitCodes.Usage;
            }

            CapturedRequest captured;
            byte[]? originalBody = null;
            try
            {
                captured = parseResult.GetValue(request) is { } requestFile
                    ? CapturedRequest.ParseRequest(File.ReadAllBytes(requestFile.FullName))
                    : CapturedRequest.FromParts(File.ReadAllText(parseResult.GetValue(headers)!.FullName, Encoding.UTF8), File.ReadAllBytes(parseResult.GetValue(body)!.FullName));
                if (parseResult.GetValue(original) is { } originalFile)
                {
                    originalBody = File.ReadAllBytes(originalFile.FullName);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                output.Error(ex.Message);
                return ExitCodes.Failure;
            }

            var diagnosis = RequestDiagnosis.Diagnose(captured, secrets, TimeSpan.FromSeconds(parseResult.GetValue(tolerance)), originalBody, TimeProvider.System);
            if (output.Json)
            {
                output.WriteJson(ToJson(diagnosis));
            }
            else
            {
                output.Write(ToTable(diagnosis));
                output.MarkupLine(diagnosis.ExitCode == ExitCodes.Success
                    ? $"[green]VALID[/] {MarkupText.Escape(diagnosis.Reason)}"
                    : $"[red]INVALID[/] {MarkupText.Escape(diagnosis.Reason)} (exit code {diagnosis.ExitCode})");
            }

            return diagnosis.ExitCode;
        });
        return command;
    }

    private static Table ToTable(RequestDiagnosis d)
    {
        var table = new Table().AddColumn("Check").AddColumn("Result");
        foreach (var header in d.Headers)
        {
            table.AddRow("Header " + MarkupText.Escape(header.Key), MarkupText.Verdict(header.Value, header.Value ? "present" : "missing"));
        }

        if (d.SignedAt is { } signedAt)
        {
            var within = d.Age!.Value.Duration() <= d.Tolerance;
            var when = d.Age.Value >= TimeSpan.Zero ? "ago" : "in the future";
            table.AddRow("Timestamp", MarkupText.Verdict(within, string.Create(CultureInfo.InvariantCulture,
                $"{signedAt:yyyy-MM-ddTHH:mm:ssZ}: {RequestDiagnosis.Describe(d.Age.Value)} {when}; tolerance {RequestDiagnosis.Describe(d.Tolerance)} ({(within ? "within" : "outside")})")));
        }

        table.AddRow("Signature entries", string.Create(CultureInfo.InvariantCulture, $"{d.Entries.Total} ({d.Entries.WellFormed} well-formed)"));
        for (var i = 0; i < d.SecretMatches.Count; i++)
        {
            table.AddRow($"Secret #{i + 1}", MarkupText.Verdict(d.SecretMatches[i], d.SecretMatches[i] ? "matches an entry" : "matches no entry"));
        }

        if (d.Original is { } comparison)
        {
            table.AddRow("Body vs original", MarkupText.Verdict(comparison.Kind == BodyComparisonKind.Identical, comparison.Description));
            table.AddRow("Signature over original", MarkupText.Verdict(d.SignatureMatchesOriginal == true, d.SignatureMatchesOriginal == true ? "matches" : "does not match"));
        }

        return table;
    }

    private static JsonObject ToJson(RequestDiagnosis d)
    {
        var headers = new JsonObject();
        foreach (var header in d.Headers)
        {
            headers[header.Key] = header.Value;
        }

        var json = new JsonObject
        {
            ["valid"] = d.Result.IsValid,
            ["code"] = d.Code,
            ["exitCode"] = d.ExitCode,
            ["reason"] = d.Reason,
            ["scheme"] = d.Result.Scheme.ToString(),
            ["header"] = d.Result.HeaderName,
            ["headers"] = headers,
            ["timestamp"] = d.SignedAt is { } signedAt
                ? new JsonObject
                {
                    ["value"] = signedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                    ["ageSeconds"] = Math.Round(d.Age!.Value.TotalSeconds),
                    ["toleranceSeconds"] = d.Tolerance.TotalSeconds,
                    ["withinTolerance"] = d.Age.Value.Duration() <= d.Tolerance,
                }
                : null,
            ["signatureEntries"] = d.Entries.Total,
            ["wellFormedEntries"] = d.Entries.WellFormed,
            ["secrets"] = new JsonArray([.. d.SecretMatches.Select((m, i) => (JsonNode)new JsonObject { ["index"] = i + 1, ["matches"] = m })]),
        };
        if (d.Original is { } comparison)
        {
            json["original"] = new JsonObject
            {
                ["comparison"] = comparison.Kind.ToString().ToLowerInvariant(),
                ["whitespaceDiffers"] = comparison.WhitespaceDiffers,
                ["keyOrderDiffers"] = comparison.KeyOrderDiffers,
                ["signatureMatchesOriginal"] = d.SignatureMatchesOriginal,
            };
        }

        return json;
    }
}
