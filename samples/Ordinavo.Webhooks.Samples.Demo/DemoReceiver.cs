using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Ordinavo.Webhooks.Receiving;

namespace Ordinavo.Webhooks.Samples.Demo;

/// <summary>
/// The integrator's side: an ASP.NET Core app on a free loopback port with two webhook endpoints, one per
/// subscription (each verifies with its own secret): the ERP and a reporting system. The secrets come from the
/// app's configuration, which reloads: a secret handed over after a rotation reaches the running receivers.
/// </summary>
internal sealed class DemoReceiver : IAsyncDisposable
{
    public const string Erp = "erp";
    public const string Reporting = "reporting";
    public const string ErpPath = "/webhooks/erp";
    public const string ReportingPath = "/webhooks/reporting";

    private readonly WebApplication _app;
    private readonly ConfigurationManager _configuration;

    private DemoReceiver(WebApplication app, ConfigurationManager configuration, Uri baseAddress)
    {
        _app = app;
        _configuration = configuration;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public ReceivedEvents Received => _app.Services.GetRequiredService<ReceivedEvents>();

    public ReceiverTraffic Traffic => _app.Services.GetRequiredService<ReceiverTraffic>();

    public Uri Endpoint(string path) => new(BaseAddress, path);

    /// <summary>
    /// The address the receiver will listen on, known before it starts (as a real endpoint's address is known before
    /// the subscription is created): a port the system hands out as free.
    /// </summary>
    public static Uri ReserveAddress()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>
    /// Replaces the receiver's one secret in its configuration and reloads it, as an integrator's secret store would:
    /// the running receiver verifies with it from its next request (no restart).
    /// </summary>
    public void UseSecret(string receiver, string secret)
    {
        _configuration[$"Receivers:{receiver}:Secrets:0"] = secret;
        ((IConfigurationRoot)_configuration).Reload();
    }

    public static async Task<DemoReceiver> StartAsync(Uri address, string erpSecret, string reportingSecret)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(address.ToString().TrimEnd('/'));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Receivers:{Erp}:Secrets:0"] = erpSecret,
            [$"Receivers:{Reporting}:Secrets:0"] = reportingSecret,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        builder.Services.AddSingleton<ReceivedEvents>();
        builder.Services.AddSingleton<ReceiverTraffic>();

        // One named receiver per subscription endpoint, each with its own secrets from configuration.
        builder.Services.AddOrdinavoWebhookReceiver(Erp, configure: null).AddHandlerForAll<RecordingHandler>();
        builder.Services.Configure<WebhookReceiverOptions>(Erp, builder.Configuration.GetSection($"Receivers:{Erp}"));
        builder.Services.AddOrdinavoWebhookReceiver(Reporting, configure: null).AddHandlerForAll<RecordingHandler>();
        builder.Services.Configure<WebhookReceiverOptions>(Reporting, builder.Configuration.GetSection($"Receivers:{Reporting}"));

        var app = builder.Build();
        var traffic = app.Services.GetRequiredService<ReceiverTraffic>();
        app.Use(traffic.InvokeAsync);
        app.MapOrdinavoWebhooks(ErpPath, Erp);
        app.MapOrdinavoWebhooks(ReportingPath, Reporting);
        await app.StartAsync();
        return new DemoReceiver(app, builder.Configuration, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
