using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Cli.Listening;
using Ordinavo.Webhooks.Cli.Output;
using Ordinavo.Webhooks.Cli.Secrets;
using Ordinavo.Webhooks.Receiving;

namespace Ordinavo.Webhooks.Cli.Commands;

/// <summary>
/// <c>listen</c>: a local receiver on 127.0.0.1 built on the Receiving package that verifies and prints each request
/// and answers per the wire contract; <c>--fail-first N</c> answers 503 to the first N attempts of each event.
/// </summary>
internal static class ListenCommand
{
    /// <summary>The default port.</summary>
    public const int DefaultPort = 5080;

    /// <summary>Creates the command.</summary>
    public static Command Create(CliEnvironment environment)
    {
        var port = new Option<int>("--port", "-p") { Description = $"The port on 127.0.0.1 (0 for any free port). Default: {DefaultPort}.", DefaultValueFactory = _ => DefaultPort }.InRange(0, 65535);
        var secret = SecretSource.CreateOption(several: true);
        var tolerance = new Option<int>("--tolerance") { Description = "The timestamp tolerance in seconds. Default: 300.", DefaultValueFactory = _ => 300 }.InRange(1, 86400);
        var standard = new Option<bool>("--standard-webhooks") { Description = "Accept requests that carry only the Standard Webhooks headers." };
        var failFirst = new Option<int>("--fail-first") { Description = "Answer 503 to the first N attempts of each event, to rehearse retries." }.InRange(0, 100);
        var showBody = new Option<bool>("--show-body") { Description = "Print each body." };
        var maxRequests = new Option<int>("--max-requests") { Description = "Stop after this many requests. Default: run until Ctrl+C." }.InRange(0, int.MaxValue);
        var json = CommonOptions.Json();
        var command = new Command("listen", "Receive webhooks on 127.0.0.1: verify each request, print it (type, id, attempt, verification, sections) and answer as the wire contract says. Any path is accepted.")
        {
            port, secret, tolerance, standard, failFirst, showBody, maxRequests, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = new CliOutput(environment, parseResult.GetValue(json));
            if (!SecretSource.TryResolve(parseResult, secret, environment, out var secrets, out var error))
            {
                output.Error(error!);
                return ExitCodes.Usage;
            }

            var settings = new ListenSettings(
                parseResult.GetValue(port),
                secrets,
                TimeSpan.FromSeconds(parseResult.GetValue(tolerance)),
                parseResult.GetValue(standard),
                parseResult.GetValue(failFirst),
                parseResult.GetValue(showBody),
                parseResult.GetValue(maxRequests));
            return await RunAsync(settings, output, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(ListenSettings settings, CliOutput output, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, settings.Port));
        builder.Services.AddOrdinavoWebhookReceiver(options =>
        {
            foreach (var secret in settings.Secrets)
            {
                options.Secrets.Add(secret.ExposeSecret());
            }

            options.TimestampTolerance = settings.Tolerance;
            options.AcceptStandardWebhooksHeaders = settings.AcceptStandardWebhooks;
        }).AddHandlerForAll<ListenHandler>();

        await using var app = builder.Build();
        var receiver = app.Services.GetRequiredService<IWebhookReceiverFactory>().GetReceiver(Options.DefaultName);
        var endpoint = new ListenEndpoint(receiver, settings, output);
        app.Run(endpoint.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            output.Error($"Cannot listen on 127.0.0.1:{settings.Port}: {ex.Message}");
            return ExitCodes.Failure;
        }

        var address = app.Urls.FirstOrDefault() ?? $"http://127.0.0.1:{settings.Port}";
        var url = address.TrimEnd('/') + "/webhooks/ordinavo";
        if (output.Json)
        {
            output.WriteJson(new JsonObject { ["listening"] = url }, line: true);
        }
        else
        {
            output.MarkupLine($"Listening on [bold]{MarkupText.Escape(url)}[/] (any path). Ctrl+C to stop.");
        }

        try
        {
            await endpoint.Done.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
