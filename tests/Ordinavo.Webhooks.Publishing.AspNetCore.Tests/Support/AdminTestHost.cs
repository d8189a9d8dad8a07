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

namespace Ordinavo.Webhooks.Publishing.AspNetCore.Tests.Support;

/// <summary>
/// A real Kestrel host on 127.0.0.1 with the publisher (the SQLite outbox in a file of its own temporary folder, or
/// the PostgreSQL outbox in a schema of its own; its delivery worker running), the managed subscription store the test chooses, the admin API at /admin/webhooks
/// behind a header-based test authentication, and the OpenAPI document at /openapi/v1.json.
/// </summary>
public sealed class AdminTestHost : IAsyncDisposable
{
    public const string Prefix = "/admin/webhooks";

    private readonly WebApplication _app;
    private readonly string _folder;
    private readonly List<HttpClient> _clients = [];
    private readonly IAsyncDisposable _outbox;

    private AdminTestHost(WebApplication app, string folder, CollectingLoggerProvider logs, IAsyncDisposable outbox)
    {
        _outbox = outbox;
        _app = app;
        _folder = folder;
        Logs = logs;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public Uri BaseAddress { get; }

    public CollectingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Builds and starts the host; a failure to start is thrown after everything is disposed.</summary>
    public static async Task<AdminTestHost> StartAsync(AdminHostOptions? options = null)
    {
        var (app, folder, logs, outbox) = Build(options ?? new AdminHostOptions());
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            await outbox.DisposeAsync();
            DeleteFolder(folder);
            throw;
        }

        return new AdminTestHost(app, folder, logs, outbox);
    }

    /// <summary>Builds the host without starting it (for start-up checks).</summary>
    public static (WebApplication App, string Folder, CollectingLoggerProvider Logs, IAsyncDisposable Outbox) Build(AdminHostOptions options)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ordinavo-admin-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var logs = new CollectingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);

        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        var publisher = builder.Services.AddOrdinavoWebhookPublisher(o =>
        {
            o.AllowInsecureHttp = options.AllowInsecureHttp;
            o.AllowedDestinations.Add("127.0.0.1");
            o.PollInterval = TimeSpan.FromMilliseconds(50);
            // One retry an hour later: a failed delivery stays pending (and not due) for the whole test.
            o.RetrySchedule = [TimeSpan.FromHours(1)];
            options.Publisher?.Invoke(o);
        });
        var outbox = OutboxStores.Apply(SubscriptionStores.OutboxFor(options.SubscriptionStore) ?? options.Outbox, publisher, folder);
        if (options.RecordStore is { } records)
        {
            publisher.UseSubscriptionRecordStore(_ => records);
        }
        else
        {
            SubscriptionStores.Apply(options.SubscriptionStore, publisher);
        }

        builder.Services.AddOrdinavoWebhookAdmin(o =>
        {
            if (options.TenantResolver)
            {
                o.TenantResolver = context => ValueTask.FromResult(context.User.FindFirst("tenant")?.Value);
            }

            options.Admin?.Invoke(o);
        });
        builder.Services.AddAuthentication(TestAuthHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddOpenApi();
        options.Services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        var group = app.MapOrdinavoWebhookAdmin(Prefix);
        if (options.RequireAuthorization)
        {
            group.RequireAuthorization();
        }

        options.Group?.Invoke(group);
        app.MapOpenApi();
        return (app, folder, logs, outbox);
    }

    /// <summary>A client of the admin API acting as a user of <paramref name="tenant"/> (no tenant claim when null).</summary>
    public HttpClient Client(string? tenant)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add(TestAuthHandler.UserHeader, "operator");
        if (tenant is not null)
        {
            client.DefaultRequestHeaders.Add(TestAuthHandler.TenantHeader, tenant);
        }

        return client;
    }

    /// <summary>A client without credentials.</summary>
    public HttpClient Anonymous()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseAddress, Prefix + "/"), Timeout = TimeSpan.FromSeconds(30) };
        _clients.Add(client);
        return client;
    }

    /// <summary>A client of the host's root (for /openapi/v1.json).</summary>
    public HttpClient Root()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        await _outbox.DisposeAsync();
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
