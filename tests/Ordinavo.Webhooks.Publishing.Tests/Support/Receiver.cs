using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using System.Net;

namespace Ordinavo.Webhooks.Publishing.Tests.Support;

/// <summary>A real Kestrel receiver on 127.0.0.1 with a random port, answering every POST with <see cref="Handler"/>.</summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Receiver(WebApplication app, Func<HttpContext, byte[], Task> handler)
    {
        _app = app;
        Handler = handler;
    }

    public Func<HttpContext, byte[], Task> Handler { get; set; }

    public Uri BaseAddress { get; private set; } = null!;

    public int Port => BaseAddress.Port;

    public static async Task<Receiver> StartAsync(Func<HttpContext, byte[], Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new Receiver(app, handler);
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            await receiver.Handler(context, buffer.ToArray());
        });
        await app.StartAsync();
        receiver.BaseAddress = new Uri(app.Urls.Single());
        return receiver;
    }

    public Uri Url(string path) => new(BaseAddress, path);

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
