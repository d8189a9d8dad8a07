using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

using Ordinavo.Webhooks.TestSupport.AspNetCore;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Publishing.Dashboard.Tests.Support;

/// <summary>
/// A real Kestrel host on 127.0.0.1 with the publisher (SQLite outbox and managed subscriptions in one file of its own
/// temporary folder, its delivery worker running, one retry an hour later), the dashboard at /admin/webhooks/ui behind
/// a header-based test authentication, the view policy (any authenticated user) and the action policy (role operator).
/// </summary>
public sealed class DashboardTestHost : IAsyncDisposable
{
    public const string Prefix = "/admin/webhooks/ui";
    public const string ViewPolicy = "webhook-view";
    public const string ActionPolicy = "webhook-act";
    public const string OperatorRole = "operator";

    private readonly WebApplication _app;
    private readonly string _folder;

    private DashboardTestHost(WebApplication app, string folder, CollectingLoggerProvider logs, string? pathBase)
    {
        _app = app;
        _folder = folder;
        Logs = logs;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        DashboardAddress = new Uri(BaseAddress, (pathBase ?? string.Empty) + Prefix + "/");
    }

    public Uri BaseAddress { get; }

    /// <summary>The overview's address (with the path base and the trailing slash).</summary>
    public Uri DashboardAddress { get; }

    public CollectingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<DashboardTestHost> StartAsync(DashboardHostOptions? options = null)
    {
        options ??= new DashboardHostOptions();
        var (app, folder, logs) = Build(options);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            DeleteFolder(folder);
            throw;
        }

        return new DashboardTestHost(app, folder, logs, options.PathBase);
    }

    /// <summary>Builds the host without starting it (for start-up checks).</summary>
    public static (WebApplication App, string Folder, CollectingLoggerProvider Logs) Build(DashboardHostOptions options)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ordinavo-dashboard-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var logs = new CollectingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);

        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddOrdinavoWebhookPublisher(o =>
            {
                o.AllowInsecureHttp = true;
                o.AllowedDestinations.Add("127.0.0.1");
                o.PollInterval = TimeSpan.FromMilliseconds(50);
                // One retry an hour later: a failed delivery stays pending (and not due) for the whole test.
                o.RetrySchedule = [TimeSpan.FromHours(1)];
            })
            .UseSqliteStore(Path.Combine(folder, "webhooks.db"))
            .UseSqliteSubscriptions();
        builder.Services.AddOrdinavoWebhookAdmin(o => o.TenantResolver = context => ValueTask.FromResult(context.User.FindFirst("tenant")?.Value));
        builder.Services.AddOrdinavoWebhookDashboard(o =>
        {
            o.ViewPolicy = options.ViewPolicy;
            o.ActionPolicy = options.ActionPolicy;
            options.Dashboard?.Invoke(o);
        });
        builder.Services.AddAuthentication(TestAuthHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ViewPolicy, p => p.RequireAuthenticatedUser())
            .AddPolicy(ActionPolicy, p => p.RequireAuthenticatedUser().RequireClaim(ClaimTypes.Role, OperatorRole));

        var app = builder.Build();
        if (options.PathBase is { } pathBase)
        {
            app.UsePathBase(pathBase);
        }

        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        var group = app.MapOrdinavoWebhookDashboard(Prefix);
        options.Group?.Invoke(group);
        return (app, folder, logs);
    }

    /// <summary>A client of the dashboard acting as a user of <paramref name="tenant"/>; an operator satisfies the action policy.</summary>
    public DashboardClient Client(string? tenant, bool @operator = true) => new(this, Headers(tenant, @operator));

    /// <summary>A client without credentials.</summary>
    public DashboardClient Anonymous() => new(this, new Dictionary<string, string>());

    /// <summary>The headers that make a request come from a user of <paramref name="tenant"/>.</summary>
    public static Dictionary<string, string> Headers(string? tenant, bool @operator)
    {
        var headers = new Dictionary<string, string> { [TestAuthHandler.UserHeader] = "support-1" };
        if (tenant is not null)
        {
            headers[TestAuthHandler.TenantHeader] = tenant;
        }

        if (@operator)
        {
            headers[TestAuthHandler.RoleHeader] = OperatorRole;
        }

        return headers;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        DeleteFolder(_folder);
    }

    private static void DeleteFolder(string folder)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the temporary folder's cleanup.
        }
    }
}
