using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Ordinavo.Webhooks.Publishing;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Samples.Demo;

/// <summary>
/// The Ordinavo backend's side: the publisher with its SQLite outbox and its managed subscriptions in the same file,
/// the admin API on a free loopback port, behind the demo's API key, and the delivery dashboard on the same port,
/// behind a cookie that the demo's one-time sign-in link sets (<see cref="DemoDashboardSignIn"/>).
/// </summary>
internal sealed class DemoPublisher : IAsyncDisposable
{
    public const string AdminPrefix = "/admin/webhooks";
    public const string DashboardPrefix = "/admin/webhooks/ui";

    private const string AdminPolicy = "webhook-admin";
    private const string DashboardPolicy = "webhook-dashboard";

    private readonly WebApplication _app;

    private DemoPublisher(WebApplication app, Uri root, string signInCode)
    {
        _app = app;
        AdminBase = new Uri(root, AdminPrefix + "/");
        DashboardUrl = new Uri(root, DashboardPrefix + "/");
        SignInLink = new Uri(root, $"{DemoDashboardSignIn.Path}?code={signInCode}");
    }

    /// <summary>The admin API's base address (ends with a slash).</summary>
    public Uri AdminBase { get; }

    /// <summary>The dashboard's overview.</summary>
    public Uri DashboardUrl { get; }

    /// <summary>The one-time link that signs a browser in to the dashboard and opens it.</summary>
    public Uri SignInLink { get; }

    /// <summary>Cancelled when the host is asked to stop (Ctrl+C or SIGTERM, through the host's console lifetime).</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

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
            })
            .AddCookie(options =>
            {
                // A browser cannot send the API key header: the dashboard's users carry this cookie, set by the
                // one-time sign-in link. Without it the dashboard answers 401 (no login page to redirect to).
                options.Cookie.Name = DemoDashboardSignIn.CookieName;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Events.OnRedirectToLogin = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });

        // Each surface names the scheme its callers use: the admin API the key header, the dashboard the cookie.
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy
                .AddAuthenticationSchemes(DemoApiKeyHandler.SchemeName)
                .RequireClaim(DemoApiKeyHandler.TenantClaim))
            .AddPolicy(DashboardPolicy, policy => policy
                .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme)
                .RequireClaim(DemoApiKeyHandler.TenantClaim)
                .RequireRole("operator"));

        // The dashboard: the operator who signed in may look and act (redeliver, send a test event, ...).
        builder.Services.AddOrdinavoWebhookDashboard(options =>
        {
            options.ViewPolicy = DashboardPolicy;
            options.ActionPolicy = DashboardPolicy;
        });
        var signIn = new DemoDashboardSignIn(WebhookSamples.TenantId);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOrdinavoWebhookAdmin(AdminPrefix).RequireAuthorization(AdminPolicy);
        app.MapOrdinavoWebhookDashboard(DashboardPrefix);
        signIn.Map(app, DashboardPrefix);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DemoPublisher(app, new Uri(address), signIn.Code);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
