using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Ordinavo.Webhooks.Cli.Output;
using Ordinavo.Webhooks.Cli.Secrets;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Signing;
using Ordinavo.Webhooks.Testing;
using Spectre.Console;

namespace Ordinavo.Webhooks.Cli.Commands;

/// <summary>
/// <c>trigger &lt;eventType | category.* | all&gt;</c>: sends signed sample events to an endpoint and shows each answer.
/// Exit code 0 only when every answer was 2xx.
/// </summary>
internal static class TriggerCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliEnvironment environment)
    {
        var selection = new Argument<string>("events")
        {
            Description = "An event type (visit_report.approved), a category (visit_report.*) or all (the 24 types).",
        };
        selection.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (Select(value).Count == 0)
            {
                result.AddError($"'{value}' matches no event type: give an event type (visit_report.approved), a category (visit_report.*) or all.");
            }
        });
        var url = new Option<string>("--url", "-u") { Description = "The endpoint to POST to, e.g. https://erp.example.com/webhooks/ordinavo.", Required = true };
        var secret = SecretSource.CreateOption(several: true);
        var standard = new Option<bool>("--standard-webhooks") { Description = "Add the Standard Webhooks headers too." };
        var tenant = new Option<string>("--tenant") { Description = "The tenantId in the bodies. Default: tenant-123." };
        var repeat = new Option<int>("--repeat", "-n") { Description = "Send each event this many times (each time with a fresh eventId unless --event-id).", DefaultValueFactory = _ => 1 }.InRange(1, 1000);
        var eventId = new Option<string>("--event-id") { Description = "Send every event with this eventId (to rehearse duplicates). Default: a fresh eventId each." };
        eventId.Validators.Add(r =>
        {
            if (!WebhookIdentifiers.IsValidEventId(r.GetValueOrDefault<string>()))
            {
                r.AddError("--event-id must be evt_ followed by a ULID (26 characters).");
            }
        });
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for each answer. Default: 15, as the publisher.", DefaultValueFactory = _ => 15 }.InRange(1, 600);
        var insecure = new Option<bool>("--allow-insecure") { Description = "Allow plain HTTP to a host other than loopback." };
        var json = CommonOptions.Json();
        var command = new Command("trigger", "Send signed sample events to an endpoint and show each answer (status, outcome, time). Exit code 0 only when every answer was 2xx.")
        {
            selection, url, secret, standard, tenant, repeat, eventId, timeout, insecure, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = new CliOutput(environment, parseResult.GetValue(json));
            if (!SecretSource.TryResolve(parseResult, secret, environment, out var secrets, out var error))
            {
                output.Error(error!);
                return ExitCodes.Usage;
            }

            if (!Uri.TryCreate(parseResult.GetValue(url), UriKind.Absolute, out var endpoint) ||
                (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            {
                output.Error("--url must be an absolute http:// or https:// address.");
                return ExitCodes.Usage;
            }

            if (endpoint.Scheme == Uri.UriSchemeHttp && !IsLoopback(endpoint) && !parseResult.GetValue(insecure))
            {
                output.Error($"Plain HTTP is allowed only to a loopback address ({endpoint.Host} is not one): use https:// or pass --allow-insecure.");
                return ExitCodes.Usage;
            }

            var options = new TriggerRun(
                Select(parseResult.GetValue(selection)),
                endpoint,
                [.. secrets.Select(s => s.ExposeSecret())],
                parseResult.GetValue(standard),
                parseResult.GetValue(tenant),
                parseResult.GetValue(repeat),
                parseResult.GetValue(eventId),
                TimeSpan.FromSeconds(parseResult.GetValue(timeout)));
            return await RunAsync(options, output, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The event types matched by an event type, <c>category.*</c> or <c>all</c>, in catalog order.</summary>
    public static IReadOnlyList<WebhookEventType> Select(string? selection)
    {
        if (string.IsNullOrWhiteSpace(selection))
        {
            return [];
        }

        if (selection is "all" or "*")
        {
            return [.. WebhookEventCatalog.All.Select(d => d.Type)];
        }

        if (selection.EndsWith(".*", StringComparison.Ordinal))
        {
            var prefix = selection[..^1];
            return [.. WebhookEventCatalog.All.Select(d => d.Type).Where(t => t.Value.StartsWith(prefix, StringComparison.Ordinal))];
        }

        return CommonOptions.TryGetEventType(selection, out var type) ? [type] : [];
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    private static async Task<int> RunAsync(TriggerRun run, CliOutput output, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        using var client = new HttpClient(handler) { Timeout = run.Timeout };
        var table = new Table().AddColumn("#").AddColumn("Event type").AddColumn("Event id").AddColumn("Status").AddColumn("Outcome").AddColumn(new TableColumn("Time").RightAligned());
        var results = new JsonArray();
        var succeeded = 0;
        var total = 0;
        for (var round = 0; round < run.Repeat; round++)
        {
            foreach (var type in run.Types)
            {
                cancellationToken.ThrowIfCancellationRequested();
                total++;
                var sample = SampleEventFactory.Create(type, run.EventId ?? WebhookIdentifiers.NewEventId(), run.TenantId);
                var request = WebhookTestRequests.Create(sample, run.Secrets, new WebhookTestRequestOptions { IncludeStandardWebhooks = run.StandardWebhooks });
                var answer = await SendAsync(client, request, run.Endpoint, cancellationToken).ConfigureAwait(false);
                if (answer.IsSuccess)
                {
                    succeeded++;
                }

                if (output.Json)
                {
                    results.Add(new JsonObject
                    {
                        ["eventType"] = type.Value,
                        ["eventId"] = sample.EventId,
                        ["status"] = answer.Status == 0 ? null : answer.Status,
                        ["outcome"] = answer.Outcome,
                        ["error"] = answer.Error,
                        ["milliseconds"] = Math.Round(answer.Elapsed.TotalMilliseconds, 1),
                        ["success"] = answer.IsSuccess,
                    });
                }
                else
                {
                    table.AddRow(
                        total.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        MarkupText.Escape(type.Value),
                        MarkupText.Escape(sample.EventId),
                        MarkupText.Status(answer.Status),
                        answer.Error is null ? MarkupText.Escape(answer.Outcome ?? "-") : $"[red]{MarkupText.Escape(answer.Error)}[/]",
                        $"{answer.Elapsed.TotalMilliseconds:0} ms");
                }
            }
        }

        if (output.Json)
        {
            output.WriteJson(new JsonObject
            {
                ["url"] = run.Endpoint.ToString(),
                ["sent"] = total,
                ["succeeded"] = succeeded,
                ["failed"] = total - succeeded,
                ["results"] = results,
            });
        }
        else
        {
            output.Write(table);
            output.MarkupLine(succeeded == total
                ? $"[green]{succeeded} of {total} answered 2xx.[/]"
                : $"[red]{total - succeeded} of {total} did not answer 2xx.[/]");
        }

        return succeeded == total ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static async Task<TriggerAnswer> SendAsync(HttpClient client, SignedWebhookRequest request, Uri endpoint, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var message = request.ToHttpRequestMessage(endpoint);
            using var response = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            stopwatch.Stop();
            return new TriggerAnswer((int)response.StatusCode, ReadOutcome(body, response.ReasonPhrase), null, stopwatch.Elapsed);
        }
        catch (HttpRequestException ex)
        {
            return new TriggerAnswer(0, null, "unreachable: " + ex.Message, stopwatch.Elapsed);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new TriggerAnswer(0, null, "timeout", stopwatch.Elapsed);
        }
    }

    private static string? ReadOutcome(byte[] body, string? reason)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("outcome", out var outcome) && outcome.ValueKind == JsonValueKind.String)
            {
                return outcome.GetString();
            }
        }
        catch (JsonException)
        {
        }

        return reason;
    }
}
