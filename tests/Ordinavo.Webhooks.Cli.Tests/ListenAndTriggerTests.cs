using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ordinavo.Webhooks.Cli.Tests.Support;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Cli.Tests;

/// <summary><c>listen</c> and <c>trigger</c> run through the entry point in this process.</summary>
public sealed class ListenAndTriggerTests
{
    private static readonly string Secret = WebhookSecret.Generate().ExposeSecret();

    [Fact]
    public async Task Fail_first_answers_503_to_the_first_attempts_of_each_event()
    {
        await using var listen = await Listener.StartAsync("--fail-first", "2");

        var trigger = new InProcessCli();
        var exitCode = await trigger.RunAsync("trigger", "billing.event_ready", "--url", listen.Url, "--secret", Secret, "--event-id", "evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C", "--repeat", "4", "--json");

        Assert.Equal(ExitCodes.Failure, exitCode); // two answers were 503
        var outcomes = JsonNode.Parse(trigger.Output.ToString())!["results"]!.AsArray().Select(r => ((int?)r!["status"], (string?)r["outcome"])).ToList();
        Assert.Equal([(503, "rehearsed_failure"), (503, "rehearsed_failure"), (200, "handled"), (200, "duplicate")], outcomes);
        var lines = await listen.WaitForRequestsAsync(4);
        Assert.Equal([503, 503, 200, 200], lines.Select(l => (int)l["status"]!));
        Assert.All(lines, l => Assert.True((bool)l["verified"]!));
        Assert.Contains("--fail-first 2: attempt 1", (string?)lines[0]["note"]);
    }

    [Fact]
    public async Task Listen_prints_the_exact_reason_of_a_failed_verification()
    {
        await using var listen = await Listener.StartAsync("--show-body");

        var trigger = new InProcessCli();
        var exitCode = await trigger.RunAsync("trigger", "appointment.*", "--url", listen.Url, "--secret", WebhookSecret.Generate().ExposeSecret());

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("5 of 5 did not answer 2xx.", trigger.Output.ToString());
        var lines = await listen.WaitForRequestsAsync(5);
        Assert.All(lines, l => Assert.Equal(401, (int)l["status"]!));
        Assert.All(lines, l => Assert.Equal("invalid_signature", (string?)l["outcome"]));
        Assert.All(lines, l => Assert.Contains("No entry matches any given secret", (string?)l["reason"]));
        Assert.All(lines, l => Assert.StartsWith("{\"eventId\":", (string?)l["body"]));
        Assert.Equal(["customer", "location", "contact", "target", "appointment"], lines[0]["sections"]!.AsArray().Select(s => (string?)s));
    }

    [Fact]
    public async Task Trigger_with_standard_webhooks_headers_is_accepted_by_listen()
    {
        await using var listen = await Listener.StartAsync("--standard-webhooks");

        var trigger = new InProcessCli().WithVariable("ORDINAVO_WEBHOOK_SECRET", Secret);
        var exitCode = await trigger.RunAsync("trigger", "route.published", "--url", listen.Url, "--standard-webhooks", "--tenant", "tenant-9");

        Assert.True(exitCode == 0, trigger.Output.ToString() + trigger.Error);
        Assert.Contains("1 of 1 answered 2xx.", trigger.Output.ToString());
        Assert.Equal("handled", (string?)(await listen.WaitForRequestsAsync(1))[0]["outcome"]);
    }

    [Fact]
    public async Task Trigger_reports_an_unreachable_endpoint_and_exits_1()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var port = ((System.Net.IPEndPoint)socket.LocalEndPoint!).Port; // bound, not listening: connections are refused

        var trigger = new InProcessCli();
        var exitCode = await trigger.RunAsync("trigger", "target.imported", "--url", $"http://127.0.0.1:{port}/hook", "--secret", Secret, "--json");

        Assert.Equal(ExitCodes.Failure, exitCode);
        var result = JsonNode.Parse(trigger.Output.ToString())!["results"]![0]!;
        Assert.Null(result["status"]);
        Assert.StartsWith("unreachable", (string?)result["error"]);
    }

    /// <summary><c>listen --json --port 0</c> running in this process until disposed.</summary>
    private sealed class Listener : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly InProcessCli _cli = new();
        private Task<int>? _run;

        public string Url { get; private set; } = "";

        public static async Task<Listener> StartAsync(params string[] options)
        {
            var listener = new Listener();
            listener._run = listener._cli.RunAsync(["listen", "--port", "0", "--secret", Secret, "--json", .. options], listener._stop.Token);
            var line = await listener._cli.Output.WaitForLineAsync(l => l.Contains("\"listening\"", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
            listener.Url = JsonDocument.Parse(line).RootElement.GetProperty("listening").GetString()!;
            return listener;
        }

        public async Task<List<JsonNode>> WaitForRequestsAsync(int count)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (true)
            {
                var lines = _cli.Output.Lines.Skip(1).Select(l => JsonNode.Parse(l)!).ToList();
                if (lines.Count >= count || DateTime.UtcNow > deadline)
                {
                    Assert.Equal(count, lines.Count);
                    return lines;
                }

                await Task.Delay(20);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            Assert.Equal(0, await _run!);
            Assert.DoesNotContain(Secret, _cli.Output.ToString() + _cli.Error);
            _stop.Dispose();
        }
    }
}
