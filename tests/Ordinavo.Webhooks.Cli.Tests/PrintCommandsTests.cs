using System.Text.Json;
using System.Text.Json.Nodes;
using Ordinavo.Webhooks.Cli.Tests.Support;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.Signing;
using Ordinavo.Webhooks.Testing;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Cli.Tests;

/// <summary><c>sample</c>, <c>schema</c>, <c>secret new</c> and <c>sign</c>.</summary>
public sealed class PrintCommandsTests
{
    public static TheoryData<string> EventTypes() => [.. WebhookEventCatalog.All.Select(d => d.Type.Value)];

    [Theory]
    [MemberData(nameof(EventTypes))]
    public async Task Sample_prints_the_bytes_the_publisher_sends(string eventType)
    {
        var (exitCode, output, _) = await InProcessCli.RunOnceAsync("sample", eventType);

        Assert.Equal(0, exitCode);
        Assert.Equal(WebhookEventSerializer.SerializeToString(WebhookSamples.For(new WebhookEventType(eventType))), output.TrimEnd('\n', '\r'));
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public async Task Schema_prints_the_checked_in_schema(string eventType)
    {
        var (exitCode, output, _) = await InProcessCli.RunOnceAsync("schema", eventType);

        Assert.Equal(0, exitCode);
        var expected = File.ReadAllText(RepositoryPaths.Combine("docs", "schemas", eventType + ".schema.json"));
        Assert.Equal(expected.TrimEnd().ReplaceLineEndings("\n"), output.TrimEnd().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Every_schema_of_the_docs_is_embedded()
    {
        var files = Directory.GetFiles(RepositoryPaths.Combine("docs", "schemas"), "*.schema.json").Select(Path.GetFileName).Order();
        var resources = typeof(CliApplication).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("schemas/", StringComparison.Ordinal)).Select(n => n["schemas/".Length..]).Order();

        Assert.Equal(files, resources);
    }

    [Fact]
    public async Task Sample_takes_an_event_id_and_a_tenant()
    {
        var (exitCode, output, _) = await InProcessCli.RunOnceAsync("sample", "target.imported", "--event-id", "evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3D", "--tenant", "acme", "--indent");

        Assert.Equal(0, exitCode);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3D", (string?)json["eventId"]);
        Assert.Equal("acme", (string?)json["tenantId"]);
        Assert.Contains("\n  \"eventType\"", output);
    }

    [Fact]
    public async Task An_unknown_event_type_is_a_usage_error()
    {
        var (exitCode, _, error) = await InProcessCli.RunOnceAsync("schema", "visit_report.exploded");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("not an event type of the contract", error);
    }

    [Fact]
    public async Task Secret_new_writes_json_on_request()
    {
        var (exitCode, output, _) = await InProcessCli.RunOnceAsync("secret", "new", "--json");

        Assert.Equal(0, exitCode);
        Assert.True(WebhookSecret.TryParse((string?)JsonNode.Parse(output)!["secret"], out _));
    }

    [Fact]
    public async Task Sign_with_a_fixed_timestamp_and_event_id_is_the_signer_s_output()
    {
        var secret = WebhookSecret.Generate();
        using var files = new RequestFiles();
        var body = "{\"eventId\":\"evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C\",\"eventType\":\"route.published\"}"u8.ToArray();
        var path = files.WriteBytes(body);

        var (exitCode, output, error) = await InProcessCli.RunOnceAsync(
            "sign", "--secret", secret.ExposeSecret(), "--body", path, "--timestamp", "2026-06-18T16:40:00Z", "--standard-webhooks", "--json", "--url", "https://erp.example.com/hook");

        Assert.True(exitCode == 0, error);
        var expected = WebhookSigner.SignOnce(secret, "evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C", new DateTimeOffset(2026, 6, 18, 16, 40, 0, TimeSpan.Zero), body, includeStandardWebhooks: true);
        var headers = JsonNode.Parse(output)!["headers"]!;
        Assert.Equal(expected.Signature, (string?)headers[WebhookHeaderNames.Signature]);
        Assert.Equal("2026-06-18T16:40:00Z", (string?)headers[WebhookHeaderNames.Timestamp]);
        Assert.Equal(expected.StandardWebhookSignature, (string?)headers[WebhookHeaderNames.StandardWebhookSignature]);
        Assert.Equal("route.published", (string?)headers[WebhookHeaderNames.EventType]);
        var curl = (string?)JsonNode.Parse(output)!["curl"];
        Assert.StartsWith("curl -sS -X POST 'https://erp.example.com/hook'", curl);
        Assert.Contains($"-H '{WebhookHeaderNames.Signature}: {expected.Signature}'", curl);
        Assert.EndsWith($"--data-binary '@{path}'", curl);
        Assert.DoesNotContain(secret.ExposeSecret(), output + error);
    }

    [Fact]
    public async Task Sign_needs_an_event_id_when_the_body_has_none()
    {
        using var files = new RequestFiles();

        var (exitCode, _, error) = await InProcessCli.RunOnceAsync("sign", "--secret", WebhookSecret.Generate().ExposeSecret(), "--body", files.WriteText("{}"));

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("--event-id", error);
    }

    [Fact]
    public async Task Sign_prints_a_table_and_the_curl_line_for_humans()
    {
        using var files = new RequestFiles();
        var path = files.WriteText(WebhookEventSerializer.SerializeToString(WebhookSamples.For(WebhookEventType.BillingEventReady)));

        var (exitCode, output, _) = await InProcessCli.RunOnceAsync("sign", "--secret", WebhookSecret.Generate().ExposeSecret(), "--body", path);

        Assert.Equal(0, exitCode);
        Assert.Contains("X-Ordinavo-Signature", output);
        Assert.Contains("curl -sS -X POST 'http://127.0.0.1:5080/webhooks/ordinavo'", output);
        Assert.False(output.Contains('\u001b', StringComparison.Ordinal));
    }
}
