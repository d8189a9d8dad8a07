// The integrator's side in one file: an ASP.NET Core app that accepts Ordinavo webhooks at POST /webhooks/ordinavo.
//   dotnet run --project samples/Ordinavo.Webhooks.Samples.Receiver -- --urls http://127.0.0.1:5080 --secret whsec_...
// The secret may also come from the environment variable ORDINAVO_WEBHOOK_SECRET.
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Ordinavo.Webhooks.Samples.Receiver;
using Ordinavo.Webhooks.Signing;

const string SecretVariable = "ORDINAVO_WEBHOOK_SECRET";

var builder = WebApplication.CreateBuilder(args);
var secret = builder.Configuration["secret"] ?? Environment.GetEnvironmentVariable(SecretVariable);
if (!WebhookSecret.TryParse(secret, out _, out var secretError))
{
    Console.Error.WriteLine(secretError == WebhookSecretErrorReason.Missing
        ? $"error: no secret. Pass --secret whsec_... or set {SecretVariable}."
        : $"error: the secret is not a valid Ordinavo webhook secret ({secretError}); it looks like whsec_ followed by base64 of at least 32 bytes.");
    return 2;
}

builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "HH:mm:ss ";
});
builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

// One receiver, verifying with the subscription's secret (add the new one here too while rotating).
// Each handler gets the events of one category, in its own DI scope, after the signature was verified.
builder.Services.AddOrdinavoWebhookReceiver(options => options.Secrets.Add(secret!))
    .AddHandler<TargetHandler>("target.*")
    .AddHandler<RouteHandler>("route.*")
    .AddHandler<AppointmentHandler>("appointment.*")
    .AddHandler<VisitReportHandler>("visit_report.*")
    .AddHandler<BillingHandler>("billing.*");

var app = builder.Build();
app.MapOrdinavoWebhooks("/webhooks/ordinavo");
app.MapGet("/", () => "Ordinavo webhook receiver sample: POST signed events to /webhooks/ordinavo.");

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    foreach (var address in addresses)
    {
        Console.WriteLine($"Receiver listening on {address.TrimEnd('/')}/webhooks/ordinavo");
    }

    Console.WriteLine("Verifying signatures with 1 secret (whsec_***). Press Ctrl+C to stop.");
});

try
{
    await app.RunAsync();
    return 0;
}
catch (IOException ex)
{
    Console.Error.WriteLine($"error: could not start the receiver: {ex.Message}");
    return 1;
}

/// <summary>The sample's entry point, public so that integration tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
