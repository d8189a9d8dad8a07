using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Samples.Demo;

/// <summary>
/// The integrator's side: an ASP.NET Core app on a free loopback port with two webhook endpoints, one per
/// subscription (each verifies with its own secret): the ERP and a reporting system.
/// </summary>
internal sealed class DemoReceiver : IAsyncDisposable
{
    public const string Erp = "erp";
    public const string Reporting = "reporting";
    public const string ErpPath = "/webhooks/erp";
    public const string ReportingPath = "/webhooks/reporting";

    private readonly WebApplication _app;

    private DemoReceiver(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public ReceivedEvents Received => _app.Services.GetRequiredService<ReceivedEvents>();

    public ReceiverTraffic Traffic => _app.Services.GetRequiredService<ReceiverTraffic>();

    public Uri Endpoint(string path) => new(BaseAddress, path);

    public static async Task<DemoReceiver> StartAsync(WebhookSecret erpSecret, WebhookSecret reportingSecret)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        builder.Services.AddSingleton<ReceivedEvents>();
        builder.Services.AddSingleton<ReceiverTraffic>();

        // One named receiver per subscription endpoint, each with its own secret.
        builder.Services.AddOrdinavoWebhookReceiver(Erp, o => o.Secrets.Add(erpSecret.ExposeSecret()))
            .AddHandlerForAll<RecordingHandler>();
        builder.Services.AddOrdinavoWebhookReceiver(Reporting, o => o.Secrets.Add(reportingSecret.ExposeSecret()))
            .AddHandlerForAll<RecordingHandler>();

        var app = builder.Build();
        var traffic = app.Services.GetRequiredService<ReceiverTraffic>();
        app.Use(traffic.InvokeAsync);
        app.MapOrdinavoWebhooks(ErpPath, Erp);
        app.MapOrdinavoWebhooks(ReportingPath, Reporting);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DemoReceiver(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
