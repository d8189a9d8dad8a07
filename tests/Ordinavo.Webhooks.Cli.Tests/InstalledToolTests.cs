using System.Text.Json;
using Ordinavo.Webhooks.Cli.Tests.Support;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Signing;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Cli.Tests;

/// <summary>The tool as an integrator gets it: packed, installed with dotnet tool install, run as a process.</summary>
[Collection(InstalledToolCollection.Name)]
public sealed class InstalledToolTests(InstalledTool tool)
{
    private static readonly Dictionary<string, string?> NoColor = new() { ["NO_COLOR"] = "1" };

    [Fact]
    public async Task Help_lists_every_command()
    {
        var (exitCode, output, _) = await tool.RunAsync(NoColor, "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("ordinavo-webhooks [command] [options]", output);
        foreach (var command in new[] { "trigger", "listen", "verify", "sign", "sample", "schema", "secret" })
        {
            Assert.Contains("  " + command, output);
        }

        Assert.False(output.Contains('\u001b', StringComparison.Ordinal), "no colours when redirected");
    }

    [Theory]
    [InlineData("trigger", "--url")]
    [InlineData("listen", "--fail-first")]
    [InlineData("verify", "--original")]
    [InlineData("sign", "--timestamp")]
    [InlineData("sample", "--event-id")]
    [InlineData("schema", "eventType")]
    [InlineData("secret", "new")]
    public async Task Every_command_has_help(string command, string mentioned)
    {
        var (exitCode, output, _) = await tool.RunAsync(NoColor, command, "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains(mentioned, output);
    }

    [Fact]
    public async Task Trigger_all_against_a_receiver_built_on_the_Receiving_package_is_handled_and_exits_0()
    {
        var secret = WebhookSecret.Generate().ExposeSecret();
        await using var receiver = await ReceiverServer.StartAsync(secret);

        var (exitCode, output, error) = await tool.RunAsync(
            new Dictionary<string, string?> { ["ORDINAVO_WEBHOOK_SECRET"] = secret },
            "trigger", "all", "--url", receiver.Endpoint.ToString(), "--json");

        Assert.True(exitCode == 0, error + output);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(24, json.RootElement.GetProperty("sent").GetInt32());
        Assert.Equal(24, json.RootElement.GetProperty("succeeded").GetInt32());
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.All(results, r => Assert.Equal("handled", r.GetProperty("outcome").GetString()));
        Assert.All(results, r => Assert.Equal(200, r.GetProperty("status").GetInt32()));
        Assert.Equal(
            WebhookEventCatalog.All.Select(d => d.Type.Value).Order(),
            receiver.Handled.Events.Select(e => e.EventType).Order());
        Assert.Equal(24, receiver.Handled.Events.Select(e => e.EventId).Distinct().Count()); // a fresh eventId each
        Assert.DoesNotContain(secret, output + error);
    }

    [Fact]
    public async Task Trigger_against_listen_both_sides_agree()
    {
        var secret = WebhookSecret.Generate().ExposeSecret();
        var environment = new Dictionary<string, string?> { ["ORDINAVO_WEBHOOK_SECRET"] = secret };
        using var listen = tool.Start(environment, "listen", "--port", "0", "--max-requests", "24", "--json");
        var listening = await listen.Output.WaitForLineAsync(l => l.Contains("\"listening\"", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        var url = JsonDocument.Parse(listening).RootElement.GetProperty("listening").GetString()!;

        var (exitCode, output, error) = await tool.RunAsync(environment, "trigger", "all", "--url", url, "--json", "--tenant", "tenant-777");
        Assert.True(exitCode == 0, error + output);
        Assert.Equal(0, await listen.WaitAsync(TimeSpan.FromSeconds(20)));

        var sent = JsonDocument.Parse(output).RootElement.GetProperty("results").EnumerateArray()
            .Select(r => (Id: r.GetProperty("eventId").GetString(), Type: r.GetProperty("eventType").GetString(), Status: r.GetProperty("status").GetInt32()))
            .ToList();
        var received = listen.Output.Lines.Skip(1).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(r => (Id: r.GetProperty("eventId").GetString(), Type: r.GetProperty("eventType").GetString(), Status: r.GetProperty("status").GetInt32(), Verified: r.GetProperty("verified").GetBoolean(), Attempt: r.GetProperty("attempt").GetInt32()))
            .ToList();
        Assert.Equal(24, received.Count);
        Assert.All(received, r => Assert.True(r.Verified));
        Assert.All(received, r => Assert.Equal(1, r.Attempt));
        Assert.Equal(sent.Select(s => (s.Id, s.Type, s.Status)), received.Select(r => (r.Id, r.Type, r.Status)));
        Assert.DoesNotContain(secret, listen.Output.ToString() + listen.Error + output + error);
    }

    [Fact]
    public async Task Sign_output_is_accepted_by_the_python_reference_verifier_of_the_docs()
    {
        var secret = WebhookSecret.Generate().ExposeSecret();
        var folder = Directory.CreateTempSubdirectory("ordinavo-cli-sign-").FullName;
        try
        {
            var body = Path.Combine(folder, "body.json");
            var (sampleExit, sample, _) = await tool.RunAsync(NoColor, "sample", "billing.event_ready");
            Assert.Equal(0, sampleExit);
            await File.WriteAllTextAsync(body, sample.TrimEnd('\n', '\r'));

            var (exitCode, output, error) = await tool.RunAsync(NoColor, "sign", "--secret", secret, "--body", body, "--json");
            Assert.True(exitCode == 0, error);
            var headers = Path.Combine(folder, "headers.json");
            await File.WriteAllTextAsync(headers, output);
            Assert.Contains("curl -sS -X POST", output);
            Assert.DoesNotContain(secret, output + error);

            var script = Path.Combine(folder, "verify.py");
            await File.WriteAllTextAsync(script, ReferenceVerifier() + """

                import json, sys
                from datetime import datetime, timezone
                headers = json.load(open(sys.argv[1]))["headers"]
                body = open(sys.argv[2], "rb").read()
                print(verify(headers, body, [sys.argv[3]], datetime.now(timezone.utc)))
                print(verify(headers, body + b" ", [sys.argv[3]], datetime.now(timezone.utc)))
                """);
            var (pythonExit, pythonOutput) = await RunPythonAsync(script, headers, body, secret);
            Assert.Equal(0, pythonExit);
            Assert.Equal(["200", "401"], pythonOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("trigger", "all")] // --url missing
    [InlineData("trigger", "no_such.type", "--url", "http://127.0.0.1:9/")]
    [InlineData("trigger", "all", "--url", "http://127.0.0.1:9/", "--repeat", "zero")]
    [InlineData("verify", "--nonsense")]
    [InlineData("sample")]
    [InlineData("frobnicate")]
    [InlineData("secret")]
    public async Task Bad_arguments_give_a_usage_error_and_exit_2(params string[] args)
    {
        var (exitCode, output, error) = await tool.RunAsync(NoColor, args);

        Assert.Equal(2, exitCode);
        Assert.Contains("--help", error);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task A_secret_is_never_printed_back()
    {
        var secret = WebhookSecret.Generate().ExposeSecret();
        var broken = secret[..^3] + "!!=";

        var misplaced = await tool.RunAsync(NoColor, "trigger", "all", "--url", "http://127.0.0.1:9/", secret);
        var invalid = await tool.RunAsync(NoColor, "trigger", "all", "--url", "http://127.0.0.1:9/", "--secret", broken);
        var remote = await tool.RunAsync(new Dictionary<string, string?> { ["ORDINAVO_WEBHOOK_SECRET"] = secret }, "trigger", "all", "--url", "http://example.com/hook");

        Assert.Equal(2, misplaced.ExitCode);
        Assert.Contains("whsec_***", misplaced.Error);
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("not a valid webhook secret", invalid.Error);
        Assert.Equal(2, remote.ExitCode);
        Assert.Contains("--allow-insecure", remote.Error);
        foreach (var (_, output, error) in new[] { misplaced, invalid, remote })
        {
            Assert.DoesNotContain(secret, output + error);
            Assert.DoesNotContain(broken, output + error);
        }
    }

    [Fact]
    public async Task Secret_new_prints_a_valid_secret()
    {
        var (exitCode, output, _) = await tool.RunAsync(NoColor, "secret", "new");

        Assert.Equal(0, exitCode);
        Assert.True(WebhookSecret.TryParse(output.Trim(), out var secret));
        Assert.Equal(32, secret.KeyLength);
    }

    private static string ReferenceVerifier()
    {
        var markdown = File.ReadAllText(RepositoryPaths.Combine("docs", "verifying-signatures.md"));
        var blocks = markdown.Split("```python\n").Skip(1).Select(b => b[..b.IndexOf("```", StringComparison.Ordinal)]);
        return blocks.Single(b => b.Contains("def verify(", StringComparison.Ordinal));
    }

    private static async Task<(int ExitCode, string Output)> RunPythonAsync(params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + error);
    }
}
