using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests.Support;

/// <summary>
/// A real Kestrel receiver on 127.0.0.1 that keeps every request (headers and exact body bytes) and answers with the
/// status and body the test sets. Signatures are checked by the test with <see cref="WebhookVerifier"/>, holding
/// whichever secrets the test chooses.
/// </summary>
public sealed class CaptureReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CaptureReceiver(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<CapturedRequest> Requests { get; } = new();

    /// <summary>The status the receiver answers with (default 200).</summary>
    public int Status { get; set; } = StatusCodes.Status200OK;

    /// <summary>The body the receiver answers with.</summary>
    public string ResponseBody { get; set; } = "{\"received\":true}";

    public static async Task<CaptureReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new CaptureReceiver(app);
        app.MapPost("/hooks", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            receiver.Requests.Enqueue(new CapturedRequest(headers, buffer.ToArray()));
            context.Response.StatusCode = receiver.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(receiver.ResponseBody);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Endpoint = new Uri(new Uri(address), "/hooks");
        return receiver;
    }

    /// <summary>Waits until at least <paramref name="count"/> requests arrived.</summary>
    public async Task WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (Requests.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The receiver got {Requests.Count} of {count} requests.");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request as the receiver got it.</summary>
public sealed record CapturedRequest(IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>Verifies the request's Ordinavo signature holding only <paramref name="secrets"/>.</summary>
    public bool IsValidFor(params string[] secrets)
    {
        var options = new WebhookVerifierOptions();
        foreach (var secret in secrets)
        {
            options.Secrets.Add(WebhookSecret.Parse(secret));
        }

        return new WebhookVerifier(options).Verify(
            Headers.GetValueOrDefault(WebhookHeaderNames.EventId),
            Headers.GetValueOrDefault(WebhookHeaderNames.Timestamp),
            Headers.GetValueOrDefault(WebhookHeaderNames.Signature),
            Body).IsValid;
    }
}
