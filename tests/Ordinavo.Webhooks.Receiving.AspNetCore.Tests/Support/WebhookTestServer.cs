using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ordinavo.Webhooks.Signing;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Receiving.AspNetCore.Tests;

/// <summary>A real Kestrel host on 127.0.0.1 (port chosen by the OS) with the webhook endpoint mapped at /webhooks/ordinavo.</summary>
public sealed class WebhookTestServer : IAsyncDisposable
{
    public static readonly string Secret = WebhookSecret.Generate().ExposeSecret();

    private readonly WebApplication _app;

    private WebhookTestServer(WebApplication app, HandlerLog log, CollectingLoggerProvider logs, RequestProbe probe)
    {
        _app = app;
        Log = log;
        Logs = logs;
        Probe = probe;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Endpoint = new Uri(BaseAddress, "/webhooks/ordinavo");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public Uri Endpoint { get; }

    public HttpClient Client { get; }

    public HandlerLog Log { get; }

    public CollectingLoggerProvider Logs { get; }

    public RequestProbe Probe { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<WebhookTestServer> StartAsync(
        Action<WebhookReceiverOptions>? options = null,
        Action<IWebhookReceiverBuilder>? receiver = null,
        Action<RouteGroupBuilder>? group = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var logs = new CollectingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        var log = new HandlerLog();
        var probe = new RequestProbe();
        builder.Services.AddSingleton(log);
        var receiverBuilder = builder.Services.AddOrdinavoWebhookReceiver(o =>
        {
            o.Secrets.Add(Secret);
            options?.Invoke(o);
        });
        if (receiver is null)
        {
            receiverBuilder.AddHandler<RecordingHandler>("visit_report.*").AddHandler<RecordingHandler>("target.*");
        }
        else
        {
            receiver(receiverBuilder);
        }

        var app = builder.Build();
        app.Use(probe.Middleware);
        var mapped = app.MapOrdinavoWebhooks();
        group?.Invoke(mapped);
        await app.StartAsync();
        return new WebhookTestServer(app, log, logs, probe);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Signals when a request reaches the pipeline and when it leaves it (and with what exception, if any).</summary>
public sealed class RequestProbe
{
    public TaskCompletionSource Arrived { get; private set; } = NewSignal();

    public TaskCompletionSource<Exception?> Finished { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Reset()
    {
        Arrived = NewSignal();
        Finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async Task Middleware(HttpContext context, RequestDelegate next)
    {
        Arrived.TrySetResult();
        try
        {
            await next(context);
            Finished.TrySetResult(null);
        }
        catch (Exception ex)
        {
            Finished.TrySetResult(ex);
            throw;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
