// Publishes realistic Ordinavo events through the real delivery engine (SQLite outbox) to your endpoint:
//   dotnet run --project samples/Ordinavo.Webhooks.Samples.Publisher -- --url http://127.0.0.1:5080/webhooks/ordinavo --secret whsec_...
// Exit code: 0 when every event was delivered, 1 when some were not, 2 for bad arguments.
using System.Diagnostics;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Publishing;
using Ordinavo.Webhooks.Samples;
using Ordinavo.Webhooks.Samples.Publisher;
using Ordinavo.Webhooks.Testing;

if (!PublisherArguments.TryParse(args, out var arguments, out var error))
{
    if (error is not null)
    {
        Console.Error.WriteLine($"error: {error}");
        Console.Error.WriteLine();
    }

    Console.Error.WriteLine(PublisherArguments.Usage);
    return error is null ? 0 : 2;
}

var temporaryFolder = arguments!.DatabasePath is null
    ? Directory.CreateTempSubdirectory("ordinavo-webhooks-publisher-").FullName
    : null;
var databasePath = arguments.DatabasePath ?? Path.Combine(temporaryFolder!, "outbox.db");
TimeSpan[] retrySchedule = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

Console.WriteLine("Ordinavo webhooks publisher sample");
Console.WriteLine($"  endpoint      {arguments.Url}");
Console.WriteLine($"  outbox        SQLite {databasePath}{(temporaryFolder is null ? "" : " (temporary, removed at the end)")}");
Console.WriteLine($"  events        {arguments.Events} (sample day of tenant {WebhookSamples.TenantId}, each with a new eventId)");
Console.WriteLine($"  headers       X-Ordinavo-*{(arguments.StandardWebhooks ? " and Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)" : " (add --standard-webhooks for the Standard Webhooks headers too)")}");
Console.WriteLine($"  retries       compressed for testing: {string.Join(", ", retrySchedule.Select(d => $"{d.TotalSeconds:0} s"))}, then dead letter (production: 5 s, 5 min, 30 min, ... 24 h)");
if (arguments.IsLoopback)
{
    Console.WriteLine($"  security      {(arguments.IsPlainHttp ? "plain HTTP and " : "")}the loopback address are allowed explicitly for this sample");
    Console.WriteLine($"                (AllowInsecureHttp = {arguments.IsPlainHttp.ToString().ToLowerInvariant()}, AllowedDestinations = {string.Join(", ", arguments.LoopbackDestinations())});");
    Console.WriteLine("                by default the publisher requires HTTPS and refuses loopback and private addresses.");
}

Console.WriteLine();

var tracker = new DeliveryTracker();
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);
builder.Services.AddOrdinavoWebhookPublisher(options =>
    {
        options.AllowInsecureHttp = arguments.IsPlainHttp;
        foreach (var destination in arguments.LoopbackDestinations())
        {
            options.AllowedDestinations.Add(destination);
        }

        options.RetrySchedule = retrySchedule;
        options.RetryJitter = 0;
        options.MinimumDelayAfterTimeoutOrThrottle = TimeSpan.FromSeconds(2);
        options.PollInterval = TimeSpan.FromMilliseconds(200);
    })
    .UseSqliteStore(databasePath)
    .UseInMemorySubscriptions(subscriptions => subscriptions.Upsert(new WebhookSubscription
    {
        Id = "sample",
        TenantId = WebhookSamples.TenantId,
        EndpointUrl = arguments.Url,
        Secrets = [arguments.Secret],
        SourceSystem = SampleInputs.SourceSystem,
        StandardWebhooksHeaders = arguments.StandardWebhooks,
    }));
builder.Services.AddSingleton<IWebhookDeliveryObserver>(tracker);

var exitCode = 1;
using (var host = builder.Build())
{
    var stopwatch = Stopwatch.StartNew();
    try
    {
        await host.StartAsync();
        exitCode = await PublishAndWaitAsync(host.Services, arguments, tracker, stopwatch);
    }
    catch (Exception ex) when (ex is Microsoft.Extensions.Options.OptionsValidationException or WebhookPublishingException or IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"error: {ex.Message}");
        exitCode = 1;
    }
    finally
    {
        await host.StopAsync();
    }
}

if (temporaryFolder is not null)
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    try
    {
        Directory.Delete(temporaryFolder, recursive: true);
    }
    catch (IOException)
    {
        // A leftover temporary folder is harmless.
    }
}

return exitCode;

static async Task<int> PublishAndWaitAsync(IServiceProvider services, PublisherArguments arguments, DeliveryTracker tracker, Stopwatch stopwatch)
{
    var publisher = services.GetRequiredService<IWebhookPublisher>();
    var operations = services.GetRequiredService<IWebhookOperations>();
    var published = new List<(string EventId, string EventType)>(arguments.Events);

    Console.WriteLine($"Publishing {arguments.Events} event(s)...");
    for (var i = 0; i < arguments.Events; i++)
    {
        var type = WebhookEventCatalog.All[i % WebhookEventCatalog.All.Count].Type;
        var input = SampleInputs.For(type);
        tracker.Track(input.EventId!, type.Value);
        var result = await publisher.PublishAsync(input, CancellationToken.None);
        published.Add((result.EventId, type.Value));
    }

    Console.WriteLine($"Published {published.Count} event(s) into the outbox in {stopwatch.Elapsed.TotalSeconds:0.0} s; waiting for delivery (at most {arguments.Timeout.TotalSeconds:0} s)...");
    await Task.WhenAny(tracker.AllDone, Task.Delay(arguments.Timeout));

    // The outbox is the source of truth: read every event's delivery back from it.
    var delivered = 0;
    Console.WriteLine();
    Console.WriteLine("Summary");
    Console.WriteLine($"  {"#",4}  {"eventId",-30}  {"event type",-32}  {"state",-12}  attempts  last answer");
    for (var i = 0; i < published.Count; i++)
    {
        var (eventId, eventType) = published[i];
        var page = await operations.GetDeliveriesAsync(new WebhookDeliveryQuery { EventId = eventId }, CancellationToken.None);
        var delivery = page.Items.Count > 0 ? page.Items[0] : null;
        var state = delivery?.State.ToString() ?? "missing";
        if (delivery?.State == WebhookDeliveryState.Succeeded)
        {
            delivered++;
        }

        var answer = delivery?.LastStatusCode is { } code ? $"HTTP {code}" : delivery?.LastErrorKind.ToString() ?? "-";
        Console.WriteLine($"  {i + 1,4}  {eventId,-30}  {eventType,-32}  {state,-12}  {delivery?.AttemptCount ?? 0,8}  {answer}");
    }

    Console.WriteLine();
    Console.WriteLine($"Delivered {delivered} of {published.Count} event(s) in {stopwatch.Elapsed.TotalSeconds:0.0} s.");
    if (delivered != published.Count)
    {
        Console.WriteLine("Not every event was delivered: check the URL, the secret (the receiver answers 401 to a wrong one) and the receiver's log.");
        return 1;
    }

    return 0;
}
