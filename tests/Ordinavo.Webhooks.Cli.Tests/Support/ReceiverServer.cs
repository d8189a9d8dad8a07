using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ordinavo.Webhooks.Receiving;

namespace Ordinavo.Webhooks.Cli.Tests.Support;

/// <summary>An integrator's endpoint: Kestrel on 127.0.0.1 with the Receiving package's endpoint and one handler for every event.</summary>
public sealed class ReceiverServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ReceiverServer(WebApplication app, Uri endpoint, HandledEvents handled)
    {
        _app = app;
        Endpoint = endpoint;
        Handled = handled;
    }

    public Uri Endpoint { get; }

    public HandledEvents Handled { get; }

    public static async Task<ReceiverServer> StartAsync(string secret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var handled = new HandledEvents();
        builder.Services.AddSingleton(handled);
        builder.Services.AddOrdinavoWebhookReceiver(o => o.Secrets.Add(secret)).AddHandlerForAll<RecordingHandler>();
        var app = builder.Build();
        app.MapOrdinavoWebhooks("/webhooks/ordinavo");
        await app.StartAsync();
        return new ReceiverServer(app, new Uri(app.Urls.First().TrimEnd('/') + "/webhooks/ordinavo"), handled);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed class HandledEvents
    {
        public ConcurrentQueue<(string EventId, string EventType, string TenantId)> Events { get; } = new();
    }

    private sealed class RecordingHandler(HandledEvents handled) : IWebhookHandler
    {
        public Task HandleAsync(WebhookEventContext context, CancellationToken cancellationToken)
        {
            handled.Events.Enqueue((context.EventId, context.EventType.Value, context.TenantId));
            return Task.CompletedTask;
        }
    }
}
