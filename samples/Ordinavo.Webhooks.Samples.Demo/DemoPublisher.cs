using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Ordinavo.Webhooks.Publishing;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Samples.Demo;

/// <summary>
/// The Ordinavo backend's side: the publisher with its SQLite outbox and its managed subscriptions in the same file,
/// and the admin API on a free loopback port, behind the demo's API key.
/// </summary>
internal sealed class DemoPublisher : IAsyncDisposable
{
    public const string AdminPrefix = "/admin/webhooks";

    private readonly WebApplication _app;

    private DemoPublisher(WebApplication app, Uri adminBase)
    {
        _app = app;
        AdminBase = adminBase;
    }

    /// <summary>The admin API's base address (ends with a slash).</summary>
    public Uri AdminBase { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<DemoPublisher> StartAsync(string databasePath, string apiKey, TimeSpan[] retrySchedule, IWebhookDeliveryObserver observer)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);

        // The subscriptions' secrets are encrypted with Data Protection. The demo's keys live in memory and go with the
        // process; a real host persists the key ring and shares it between nodes.
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddOrdinavoWebhookPublisher(options =>
            {
                // The receiver runs on this machine over plain HTTP: both must be allowed explicitly.
                options.AllowInsecureHttp = true;
                options.AllowedDestinations.Add("127.0.0.1");
                options.RetrySchedule = [.. retrySchedule];
                options.RetryJitter = 0;
                options.PollInterval = TimeSpan.FromMilliseconds(100);
            })
            .UseSqliteStore(databasePath)
            .UseSqliteSubscriptions();
        builder.Services.AddSingleton(observer);

        // The admin API: every call needs the operator's API key, which stands for one tenant.
        builder.Services.AddOrdinavoWebhookAdmin(options =>
            options.TenantResolver = context => ValueTask.FromResult(context.User.FindFirst(DemoApiKeyHandler.TenantClaim)?.Value));
        builder.Services.AddAuthentication(DemoApiKeyHandler.SchemeName)
            .AddScheme<DemoApiKeyOptions, DemoApiKeyHandler>(DemoApiKeyHandler.SchemeName, options =>
            {
                options.Key = apiKey;
                options.TenantId = WebhookSamples.TenantId;
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy("webhook-admin", policy => policy.RequireClaim(DemoApiKeyHandler.TenantClaim));

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOrdinavoWebhookAdmin(AdminPrefix).RequireAuthorization("webhook-admin");
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DemoPublisher(app, new Uri(new Uri(address), AdminPrefix + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
