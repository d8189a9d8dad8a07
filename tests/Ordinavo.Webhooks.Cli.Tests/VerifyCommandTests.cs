using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ordinavo.Webhooks.Cli.Tests.Support;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Signing;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Cli.Tests;

/// <summary><c>verify</c> on captured requests: each failure explained, each with its own exit code.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private static readonly string Secret = WebhookSecret.Generate().ExposeSecret();
    private static readonly string OtherSecret = WebhookSecret.Generate().ExposeSecret();
    private readonly RequestFiles _files = new();
    private readonly SignedWebhookRequest _request = WebhookTestRequests.Create(WebhookEventType.VisitReportApproved, Secret);

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_good_request_is_valid_and_exits_0()
    {
        var (exitCode, output, error) = await InProcessCli.RunOnceAsync("verify", "--secret", Secret, "--request", _files.WriteRequest(_request));

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("VALID", output);
        Assert.Contains("secret #1 matches", output);
        Assert.DoesNotContain(Secret, output + error);
    }

    [Fact]
    public async Task A_good_request_from_headers_and_body_files_is_valid()
    {
        var (headers, body) = _files.WriteParts(_request);

        var (exitCode, _, _) = await InProcessCli.RunOnceAsync("verify", "--secret", Secret, "--headers", headers, "--body", body);

        Assert.Equal(ExitCodes.Success, exitCode);
    }

    [Fact]
    public async Task A_trailing_newline_after_the_body_is_cut_by_Content_Length()
    {
        var path = _files.WriteRequest(_request, trailer: "\n");

        Assert.Equal(ExitCodes.Success, (await InProcessCli.RunOnceAsync("verify", "-s", Secret, "-r", path)).ExitCode);
    }

    [Fact]
    public async Task A_tampered_body_is_reported_as_modified_against_the_original()
    {
        var tampered = _files.WriteRequest(_request.WithTamperedBody());
        var original = _files.WriteBytes(_request.Body.ToArray());

        var (exitCode, output, _) = await InProcessCli.RunOnceAsync("verify", "--secret", Secret, "--request", tampered, "--original", original, "--json");

        Assert.Equal(ExitCodes.BodyModified, exitCode);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("body_modified", (string?)json["code"]);
        Assert.Equal("modified", (string?)json["original"]!["comparison"]);
        Assert.True((bool?)json["original"]!["signatureMatchesOriginal"]);
        Assert.Contains("the body was modified", (string?)json["reason"]);
    }

    [Fact]
    public async Task A_tampered_body_without_the_original_is_no_matching_signature()
    {
        var (exitCode, output, _) = await InProcessCli.RunOnceAsync("verify", "--secret", Secret, "--request", _files.WriteRequest(_request.WithTamperedBody()));

        Assert.Equal(ExitCodes.NoMatchingSignature, exitCode);
        Assert.Contains("either the secret is wrong or the body was changed", output);
    }

    [Fact]
    public async Task A_reserialized_body_is_told_apart_from_a_modified_one()
    {
        var indented = Encoding.UTF8.GetBytes(JsonNode.Parse(_request.Body.Span)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var request = _files.WriteRequest(_request.WithBody(indented));
        var original = _files.WriteBytes(_request.Body.ToArray());

        var (exitCode, output, _) = await InProcessCli.RunOnceAsync("verify", "--secret", Secret, "--request", request, "--original", original, "--json");

        Assert.Equal(ExitCodes.BodyReserialized, exitCode);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("reserialized", (string?)json["original"]!["comparison"]);
        Assert.True((bool?)json["original"]!["whitespaceDiffers"]);
        Assert.False((bool?)json["original"]!["keyOrderDiffers"]);
    }

    [Fact]
    public async Task A_body_with_its_keys_in_another_order_is_reserialized()
    {
        var node = JsonNode.Parse(_request.Body.Span)!.AsObject();
        var reordered = new JsonObject(node.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        var request = _files.WriteRequest(_request.WithBody(Encoding.UTF8.GetBytes(reordered.ToJsonString())));

        var (exitCode, output, _) = await InProcessCli.RunOnceAsync("verify", "--secret", Secret, "--request", request, "--original", _files.WriteBytes(_request.Body.ToArray()));

        Assert.Equal(ExitCodes.BodyReserialized, exitCode);
        Assert.Contains("key order", output);
    }

    [Fact]
    public async Task A_stale_timestamp_is_explained_with_its_distance_and_the_tolerance()
    {
        var stale = _files.WriteRequest(_request.AsStale(TimeSpan.FromMinutes(12)));

        var (exitCode, output, _) = await InProcessCli.RunOnceAsync("verify", "--secret", Secret, "--request", stale);
        var json = JsonNode.Parse((await InProcessCli.RunOnceAsync("verify", "--secret", Secret, "--request", stale, "--json")).Output)!;

        Assert.Equal(ExitCodes.TimestampOutsideTolerance, exitCode);
        Assert.Contains("signed 12 min 0 s ago, more than the tolerance of 5 min 0 s; the signature itself matches", output);
        Assert.Equal("timestamp_outside_tolerance", (string?)json["code"]);
        Assert.InRange((double)json["timestamp"]!["ageSeconds"]!, 719, 722);
        Assert.Equal(300, (double)json["timestamp"]!["toleranceSeconds"]!);
        Assert.False((bool?)json["timestamp"]!["withinTolerance"]);
    }

    [Fact]
    public async Task A_timestamp_in_the_future_is_outside_the_tolerance_too()
    {
        var future = _files.WriteRequest(_request.AsStale(TimeSpan.FromMinutes(-7)));

        var (exitCode, output, _) = await InProcessCli.RunOnceAsync("verify", "--secret", Secret, "--request", future);

        Assert.Equal(ExitCodes.TimestampOutsideTolerance, exitCode);
        Assert.Contains("in the future, more than the tolerance of 5 min 0 s", output);
    }

    [Fact]
    public async Task A_larger_tolerance_accepts_the_stale_request()
    {
        var stale = _files.WriteRequest(_request.AsStale(TimeSpan.FromMinutes(12)));

        Assert.Equal(ExitCodes.Success, (await InProcessCli.RunOnceAsync("verify", "--secret", Secret, "--request", stale, "--tolerance", "900")).ExitCode);
    }

    [Fact]
    public async Task A_wrong_secret_is_explained_per_secret()
    {
        var path = _files.WriteRequest(_request);

        var (exitCode, output, error) = await InProcessCli.RunOnceAsync("verify", "--secret", OtherSecret, "--request", path, "--original", _files.WriteBytes(_request.Body.ToArray()));
        var json = JsonNode.Parse((await InProcessCli.RunOnceAsync("verify", "--secret", OtherSecret, "--request", path, "--json")).Output)!;

        Assert.Equal(ExitCodes.NoMatchingSignature, exitCode);
        Assert.Contains("the body is the original: the secret is wrong", output);
        Assert.Contains("matches no entry", output);
        Assert.False((bool?)json["secrets"]![0]!["matches"]);
        Assert.DoesNotContain(OtherSecret, output + error + json.ToJsonString());
    }

    [Fact]
    public async Task With_several_secrets_the_matching_one_is_named()
    {
        var (exitCode, output, _) = await InProcessCli.RunOnceAsync("verify", "--secret", OtherSecret, "--secret", Secret, "--request", _files.WriteRequest(_request), "--json");

        Assert.Equal(ExitCodes.Success, exitCode);
        var secrets = JsonNode.Parse(output)!["secrets"]!.AsArray();
        Assert.False((bool?)secrets[0]!["matches"]);
        Assert.True((bool?)secrets[1]!["matches"]);
    }

    [Theory]
    [InlineData(WebhookHeaderNames.Signature)]
    [InlineData(WebhookHeaderNames.Timestamp)]
    [InlineData(WebhookHeaderNames.EventId)]
    public async Task A_missing_header_is_named(string header)
    {
        var path = _files.WriteRequest(_request.WithHeader(header, null));

        var (exitCode, output, _) = await InProcessCli.RunOnceAsync("verify", "--secret", Secret, "--request", path, "--json");

        Assert.Equal(ExitCodes.MissingHeader, exitCode);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("missing_header", (string?)json["code"]);
        Assert.Equal(header, (string?)json["header"]);
        Assert.Contains($"The header {header} is missing", (string?)json["reason"]);
    }

    [Fact]
    public async Task A_malformed_header_is_named()
    {
        var path = _files.WriteRequest(_request.WithHeader(WebhookHeaderNames.Timestamp, "yesterday"));

        var (exitCode, output, _) = await InProcessCli.RunOnceAsync("verify", "--secret", Secret, "--request", path);

        Assert.Equal(ExitCodes.MalformedHeader, exitCode);
        Assert.Contains($"The header {WebhookHeaderNames.Timestamp} is malformed", output);
    }

    [Fact]
    public async Task Standard_Webhooks_headers_alone_are_verified()
    {
        var request = WebhookTestRequests.Create(WebhookEventType.BillingEventReady, Secret, new WebhookTestRequestOptions { IncludeStandardWebhooks = true })
            .WithHeader(WebhookHeaderNames.Signature, null);

        var (exitCode, output, _) = await InProcessCli.RunOnceAsync("verify", "--secret", Secret, "--request", _files.WriteRequest(request), "--json");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal("StandardWebhooks", (string?)JsonNode.Parse(output)!["scheme"]);
    }

    [Fact]
    public async Task The_secret_may_come_from_the_environment()
    {
        var cli = new InProcessCli().WithVariable("ORDINAVO_WEBHOOK_SECRET", OtherSecret + "," + Secret);

        Assert.Equal(ExitCodes.Success, await cli.RunAsync("verify", "--request", _files.WriteRequest(_request)));
    }

    [Fact]
    public async Task No_secret_is_a_usage_error()
    {
        var (exitCode, _, error) = await InProcessCli.RunOnceAsync("verify", "--request", _files.WriteRequest(_request));

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("ORDINAVO_WEBHOOK_SECRET", error);
    }

    [Fact]
    public async Task Request_and_headers_together_are_a_usage_error()
    {
        var (headers, body) = _files.WriteParts(_request);

        var (exitCode, _, error) = await InProcessCli.RunOnceAsync("verify", "-s", Secret, "--request", headers, "--headers", headers, "--body", body);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("either --request", error);
    }

    [Fact]
    public async Task A_request_file_that_is_not_http_is_a_failure_with_the_line_named()
    {
        var (exitCode, _, error) = await InProcessCli.RunOnceAsync("verify", "-s", Secret, "-r", _files.WriteText("POST / HTTP/1.1\nnot a header\n\n{}"));

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("Line 2 is not a header line", error);
    }
}
