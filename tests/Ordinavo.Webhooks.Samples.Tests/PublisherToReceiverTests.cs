using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Ordinavo.Webhooks.Signing;
using Xunit.Abstractions;

namespace Ordinavo.Webhooks.Samples.Tests;

/// <summary>The two integrator samples against each other: two processes, real HTTP on a free loopback port.</summary>
public sealed partial class PublisherToReceiverTests(ITestOutputHelper log)
{
    private const string Publisher = "Ordinavo.Webhooks.Samples.Publisher";
    private const string Receiver = "Ordinavo.Webhooks.Samples.Receiver";

    [Fact]
    public async Task Publisher_sample_delivers_one_event_of_each_type_to_the_receiver_sample()
    {
        var secret = WebhookSecret.Generate().ExposeSecret();

        // Port 0: Kestrel picks a free port and the receiver prints it. The secret comes from the environment here.
        using var receiver = SampleProcess.Start(Receiver, ["--urls", "http://127.0.0.1:0"], new Dictionary<string, string> { ["ORDINAVO_WEBHOOK_SECRET"] = secret });
        var listening = await receiver.WaitForLineAsync("Receiver listening on ", TimeSpan.FromMinutes(1));
        var url = listening[listening.IndexOf("http://", StringComparison.Ordinal)..].Trim();

        using var publisher = SampleProcess.Start(Publisher, ["--url", url, "--secret", secret]);
        var exitCode = await publisher.WaitForExitAsync(TimeSpan.FromMinutes(3));
        log.WriteLine(publisher.Output);

        Assert.True(exitCode == 0, $"The publisher exited with {exitCode}. Its output:\n{publisher.Output}\nThe receiver's output:\n{receiver.Output}");
        Assert.Contains("Delivered 24 of 24 event(s)", publisher.Output, StringComparison.Ordinal);
        Assert.Contains("plain HTTP and the loopback address are allowed explicitly", publisher.Output, StringComparison.Ordinal);

        // Every eventId of the publisher's summary reached a handler of the receiver.
        var summary = publisher.Output[publisher.Output.IndexOf("Summary", StringComparison.Ordinal)..];
        var eventIds = EventId().Matches(summary).Select(m => m.Value).Distinct().ToList();
        Assert.Equal(24, eventIds.Count);
        foreach (var eventId in eventIds)
        {
            // "ERP would ..." or, when a newer event about the same entity arrived first, "skipped".
            await receiver.WaitForLineAsync($"{eventId} (attempt 1): ", TimeSpan.FromSeconds(30));
        }

        receiver.Kill();
        log.WriteLine(receiver.Output);
        Assert.DoesNotContain(secret, publisher.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, receiver.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publisher_sample_exits_1_when_an_event_is_dead_lettered()
    {
        // A loopback port nobody listens on: every attempt fails to connect, the compressed schedule (1 s, 2 s, 4 s) runs out.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        using var publisher = SampleProcess.Start(Publisher, ["--url", $"http://127.0.0.1:{port}/webhooks/ordinavo", "--secret", WebhookSecret.Generate().ExposeSecret(), "--events", "1"]);
        var exitCode = await publisher.WaitForExitAsync(TimeSpan.FromMinutes(2));
        log.WriteLine(publisher.Output);

        Assert.Equal(1, exitCode);
        Assert.Contains("DEAD-LETTERED after 4 attempt(s) (RetriesExhausted; last: ConnectionFailed)", publisher.Output, StringComparison.Ordinal);
        Assert.Contains("Delivered 0 of 1 event(s)", publisher.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publisher_sample_adds_the_standard_webhooks_headers_on_request()
    {
        var secret = WebhookSecret.Generate();
        var received = new TaskCompletionSource<(Dictionary<string, string> Headers, WebhookVerificationStatus Status)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.MapPost("/webhooks", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            // What a Standard Webhooks receiver checks: only the webhook-* headers.
            var verifier = new WebhookVerifier(new WebhookVerifierOptions { Secrets = { secret } });
            var status = verifier.VerifyStandardWebhooks(
                headers.GetValueOrDefault("webhook-id"), headers.GetValueOrDefault("webhook-timestamp"), headers.GetValueOrDefault("webhook-signature"), buffer.ToArray()).Status;
            received.TrySetResult((headers, status));
            return Results.StatusCode(status == WebhookVerificationStatus.Valid ? 200 : 401);
        });
        await app.StartAsync();

        using var publisher = SampleProcess.Start(Publisher, ["--url", $"{app.Urls.Single()}/webhooks", "--secret", secret.ExposeSecret(), "--events", "1", "--standard-webhooks"]);
        var exitCode = await publisher.WaitForExitAsync(TimeSpan.FromMinutes(2));
        log.WriteLine(publisher.Output);

        Assert.True(exitCode == 0, $"The publisher exited with {exitCode}. Its output:\n{publisher.Output}");
        Assert.Contains("X-Ordinavo-* and Standard Webhooks", publisher.Output, StringComparison.Ordinal);
        var (headers, status) = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(WebhookVerificationStatus.Valid, status);
        Assert.StartsWith("v1,", headers["webhook-signature"], StringComparison.Ordinal);
        Assert.True(headers.ContainsKey("X-Ordinavo-Signature"));
    }

    public static TheoryData<string[], string> BadPublisherArguments => new()
    {
        { [], "error: --url is required." },
        { ["--url", "http://erp.example.com/webhooks", "--secret", "whsec_x"], "plain http:// is only allowed to a loopback address" },
        { ["--url", "not a url", "--secret", "whsec_x"], "--url must be an absolute http:// or https:// URL." },
        { ["--url", "http://127.0.0.1:9/webhooks"], "--secret is required" },
        { ["--url", "http://127.0.0.1:9/webhooks", "--secret", "whsec_SECRET-VALUE-MARKER"], "--secret is not a valid webhook secret (InvalidBase64)" },
        { ["--url", "http://127.0.0.1:9/webhooks", "--secret", WebhookSecret.Generate().ExposeSecret(), "--events", "0"], "--events must be a whole number from 1 to 10000." },
        { ["--url", "http://127.0.0.1:9/webhooks", "--events"], "--events needs a value." },
        { ["--verbose"], "unknown option '--verbose'." },
        { ["--standard-webhooks", "--standard-webhooks"], "--standard-webhooks is given twice." },
        { ["whsec_SECRET-VALUE-MARKER"], "unexpected value at position 1" },
    };

    [Theory]
    [MemberData(nameof(BadPublisherArguments))]
    public async Task Publisher_sample_rejects_bad_arguments_with_a_clear_message(string[] arguments, string message)
    {
        using var publisher = SampleProcess.Start(Publisher, arguments);
        var exitCode = await publisher.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(2, exitCode);
        Assert.Contains(message, publisher.Output, StringComparison.Ordinal);
        Assert.Contains("Usage:", publisher.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-VALUE-MARKER", publisher.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", publisher.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "error: no secret. Pass --secret whsec_... or set ORDINAVO_WEBHOOK_SECRET.")]
    [InlineData("sk_SECRET-VALUE-MARKER", "error: the secret is not a valid Ordinavo webhook secret (WrongPrefix)")]
    public async Task Receiver_sample_refuses_to_start_without_a_valid_secret(string? secret, string message)
    {
        string[] arguments = secret is null ? ["--urls", "http://127.0.0.1:0"] : ["--urls", "http://127.0.0.1:0", "--secret", secret];
        using var receiver = SampleProcess.Start(Receiver, arguments, new Dictionary<string, string> { ["ORDINAVO_WEBHOOK_SECRET"] = "" });
        var exitCode = await receiver.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(2, exitCode);
        Assert.Contains(message, receiver.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-VALUE-MARKER", receiver.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", receiver.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"evt_[0-9A-Z]{26}")]
    private static partial Regex EventId();
}
