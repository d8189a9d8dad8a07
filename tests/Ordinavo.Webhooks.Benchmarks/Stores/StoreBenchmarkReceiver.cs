using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ordinavo.Webhooks.Benchmarks.Stores;

/// <summary>A Kestrel receiver on 127.0.0.1 that answers 200 and lets a benchmark wait for a number of deliveries.</summary>
public sealed class StoreBenchmarkReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _gate = new();
    private long _received;
    private long _target = long.MaxValue;
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private StoreBenchmarkReceiver(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public static async Task<StoreBenchmarkReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new StoreBenchmarkReceiver(app);
        app.MapPost("/hooks", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            receiver.Record();
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Endpoint = new Uri(new Uri(address), "/hooks");
        return receiver;
    }

    /// <summary>Returns a task that completes when <paramref name="count"/> more deliveries arrived.</summary>
    public Task Expect(int count)
    {
        lock (_gate)
        {
            _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _target = Interlocked.Read(ref _received) + count;
            return _reached.Task;
        }
    }

    private void Record()
    {
        var received = Interlocked.Increment(ref _received);
        lock (_gate)
        {
            if (received >= _target)
            {
                _reached.TrySetResult();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
