using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ordinavo.Webhooks.Publishing.Dashboard.Tests.Support;

/// <summary>
/// A real Kestrel receiver on 127.0.0.1 with one endpoint per name (<c>/hooks/{name}</c>), each answering the status
/// the test sets (200 unless set), and counting what it got.
/// </summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _status = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _received = new(StringComparer.Ordinal);

    private Receiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<Receiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new Receiver(app);
        app.MapPost("/hooks/{name}", async (HttpContext context, string name) =>
        {
            receiver._received.AddOrUpdate(name, 1, (_, n) => n + 1);
            context.Response.StatusCode = receiver._status.GetValueOrDefault(name, StatusCodes.Status200OK);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(context.Response.StatusCode < 300 ? "{\"received\":true}" : "{\"error\":\"<maintenance>\"}");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    public Uri Endpoint(string name) => new(BaseAddress, "/hooks/" + name);

    public void Answer(string name, int status) => _status[name] = status;

    public int Received(string name) => _received.GetValueOrDefault(name);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
