using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ordinavo.Webhooks.Receiving;
using Ordinavo.Webhooks.Signing;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>An integrator's receiver on Kestrel (127.0.0.1, a port the OS picks or a given one) with the EF Core inbox on a test database.</summary>
public sealed class ReceiverHost : IAsyncDisposable
{
    public static readonly string Secret = WebhookSecret.Generate().ExposeSecret();

    private readonly WebApplication _app;

    private ReceiverHost(WebApplication app, HandlerControl control)
    {
        _app = app;
        Control = control;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = new Uri(new Uri(address), "/webhooks/ordinavo");
        Port = Endpoint.Port;
    }

    public Uri Endpoint { get; }

    public int Port { get; }

    public HandlerControl Control { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ReceiverHost> StartAsync(
        TestDatabase database,
        int port = 0,
        HandlerControl? control = null,
        Action<IWebhookReceiverBuilder>? handlers = null,
        Action<EntityFrameworkWebhookInboxOptions>? inbox = null,
        string? secret = null)
    {
        var app = Build(database, port, control ?? new HandlerControl(), handlers, inbox, secret);
        await app.StartAsync();
        return new ReceiverHost(app, app.Services.GetRequiredService<HandlerControl>());
    }

    public static WebApplication Build(
        TestDatabase database,
        int port,
        HandlerControl control,
        Action<IWebhookReceiverBuilder>? handlers = null,
        Action<EntityFrameworkWebhookInboxOptions>? inbox = null,
        string? secret = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(control);
        builder.Services.AddDbContext<InboxTestContext>(database.Configure);
        var receiver = builder.Services
            .AddOrdinavoWebhookReceiver(o => o.Secrets.Add(secret ?? Secret))
            .UseEntityFrameworkInbox<InboxTestContext>(inbox);
        if (handlers is null)
        {
            receiver.AddHandlerForAll<EffectHandler>();
        }
        else
        {
            handlers(receiver);
        }

        var app = builder.Build();
        app.MapOrdinavoWebhooks();
        return app;
    }

    /// <summary>Sends a signed request and returns the status code.</summary>
    public static async Task<HttpStatusCode> SendAsync(HttpClient client, Uri endpoint, SignedWebhookRequest request)
    {
        using var message = request.ToHttpRequestMessage(endpoint);
        using var response = await client.SendAsync(message);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
