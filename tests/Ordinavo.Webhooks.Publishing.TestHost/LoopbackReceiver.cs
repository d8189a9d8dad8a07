using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ordinavo.Webhooks.Publishing.TestHost;

/// <summary>
/// A real Kestrel receiver on 127.0.0.1 (a free port) that answers 200 and counts every delivery per
/// <c>X-Ordinavo-Event-Id</c>: distinct events and duplicates.
/// </summary>
public sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly List<(int Target, TaskCompletionSource Signal)> _waiters = [];
    private int _total;

    private LoopbackReceiver(WebApplication app) => _app = app;

    /// <summary>The endpoint URL to subscribe (<c>http://127.0.0.1:port/hooks</c>).</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>How many deliveries arrived in all (duplicates included).</summary>
    public int Total => Volatile.Read(ref _total);

    /// <summary>How many distinct event ids arrived.</summary>
    public int Distinct => _counts.Count;

    /// <summary>Deliveries beyond the first per event id.</summary>
    public int Duplicates => Total - Distinct;

    /// <summary>How often one event id arrived (0 when never).</summary>
    public int CountOf(string eventId) => _counts.TryGetValue(eventId, out var count) ? count : 0;

    /// <summary>Starts the receiver.</summary>
    public static async Task<LoopbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new LoopbackReceiver(app);
        app.MapPost("/hooks", async (HttpRequest request) =>
        {
            // Read the whole body like a real receiver before answering.
            await request.Body.CopyToAsync(Stream.Null);
            var eventId = request.Headers["X-Ordinavo-Event-Id"].ToString();
            receiver.Record(eventId);
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Endpoint = new Uri(new Uri(address), "/hooks");
        return receiver;
    }

    /// <summary>Waits until <paramref name="distinct"/> distinct events arrived; false on timeout.</summary>
    public async Task<bool> WaitForDistinctAsync(int distinct, TimeSpan timeout)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            if (Distinct >= distinct)
            {
                return true;
            }

            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((distinct, signal));
        }

        var finished = await Task.WhenAny(signal.Task, Task.Delay(timeout));
        return finished == signal.Task;
    }

    private void Record(string eventId)
    {
        Interlocked.Increment(ref _total);
        _counts.AddOrUpdate(eventId, 1, static (_, count) => count + 1);
        lock (_gate)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (Distinct >= _waiters[i].Target)
                {
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
