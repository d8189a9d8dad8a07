using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Payloads;
using Ordinavo.Webhooks.Publishing;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Benchmarks.PublishingThroughput;

/// <summary>
/// Events delivered per second to a local Kestrel receiver (127.0.0.1): the publisher with the in-memory store
/// (publish + lease + sign + POST + record, end to end) against the floor of a raw <see cref="HttpClient"/> loop that
/// posts the same, already signed bodies with the same concurrency. One invocation delivers <see cref="Events"/> events.
/// 1,000 warm-up iterations (not the shared default): on the 2-core machine the tiered JIT needs 15-20 seconds under full
/// load before both the floor and the publisher run optimized code, and early iterations measure the JIT, not the code.
/// </summary>
[InvocationCount(1, 1)]
[WarmupCount(1000)]
[IterationCount(30)]
public class PublishingThroughputBenchmarks
{
    public const int Events = 500;
    public const int Concurrency = 8;

    private WebApplication _receiver = null!;
    private Uri _endpoint = null!;
    private ServiceProvider _services = null!;
    private IHostedService[] _hosted = [];
    private IWebhookPublisher _publisher = null!;
    private IWebhookOutboxStore _store = null!;
    private HttpClient _raw = null!;
    private WebhookSecret _secret = null!;
    private readonly List<(byte[] Body, KeyValuePair<string, string>[] Headers)> _signed = [];
    private int _received;
    private int _target;
    private TaskCompletionSource _done = new();

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _receiver = builder.Build();
        _receiver.MapPost("/hooks", async (HttpContext context) =>
        {
            var buffer = new byte[16 * 1024];
            while (await context.Request.Body.ReadAsync(buffer, context.RequestAborted) > 0)
            {
            }

            if (Interlocked.Increment(ref _received) == Volatile.Read(ref _target))
            {
                _done.TrySetResult();
            }

            context.Response.StatusCode = 200;
        });
        await _receiver.StartAsync();
        _endpoint = new Uri(new Uri(_receiver.Urls.Single()), "/hooks");
        _secret = WebhookSecret.Generate();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOrdinavoWebhookPublisher(o =>
            {
                o.AllowInsecureHttp = true;
                o.AllowedDestinations = ["127.0.0.1"];
                o.MaxConcurrentDeliveries = Concurrency;
                o.MaxConcurrentDeliveriesPerEndpoint = Concurrency;
                o.Retention = null;
            })
            .UseInMemoryStore()
            .UseInMemorySubscriptions(s => s.Upsert(new WebhookSubscription
            {
                Id = "erp",
                TenantId = "tenant-123",
                EndpointUrl = _endpoint,
                Secrets = [_secret],
                SourceSystem = "logistics_erp",
            }));
        _services = services.BuildServiceProvider();
        _publisher = _services.GetRequiredService<IWebhookPublisher>();
        _store = _services.GetRequiredService<IWebhookOutboxStore>();
        _hosted = [.. _services.GetServices<IHostedService>()];
        foreach (var hosted in _hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        _raw = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, UseCookies = false });
        var signer = new WebhookSigner(_secret);
        for (var i = 0; i < Events; i++)
        {
            var input = Input();
            var body = WebhookPayloadBuilder.BuildUtf8Bytes(input, new WebhookPayloadProfile { SourceSystem = "logistics_erp" });
            var headers = signer.Sign(input.EventId!, DateTimeOffset.UtcNow, body).ToHeaders().Concat(
            [
                new KeyValuePair<string, string>(WebhookHeaderNames.EventType, input.EventType.Value),
                new KeyValuePair<string, string>(WebhookHeaderNames.DeliveryId, WebhookIdentifiers.NewDeliveryId()),
                new KeyValuePair<string, string>(WebhookHeaderNames.DeliveryAttempt, "1"),
            ]).ToArray();
            _signed.Add((body, headers));
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        foreach (var hosted in _hosted)
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
        _raw.Dispose();
        await _receiver.StopAsync();
        await _receiver.DisposeAsync();
    }

    [IterationSetup(Targets = [nameof(RawHttpClientLoop), nameof(PublisherInMemoryStore), nameof(PublisherInMemoryStoreConcurrentProducers)])]
    public void Reset()
    {
        // A store under retention stays bounded; without this purge (outside the measurement) the in-memory store would keep
        // every delivered body of the whole run, and the growing heap, not the engine, would set the pace.
        _services.GetRequiredService<IWebhookDeliveryMonitor>().PurgeAsync(DateTimeOffset.MaxValue, includeDeadLetters: true, CancellationToken.None).GetAwaiter().GetResult();
        Volatile.Write(ref _received, 0);
        Volatile.Write(ref _target, Events);
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Before <see cref="PublisherDeliversPublishedEvents"/> (not measured): the delivery worker is stopped, the store
    /// emptied, and <see cref="Events"/> events are published (bodies built, deliveries stored), as the floor's bodies
    /// are built and signed before it runs.
    /// </summary>
    [IterationSetup(Target = nameof(PublisherDeliversPublishedEvents))]
    public void PublishBacklog()
    {
        foreach (var hosted in _hosted)
        {
            hosted.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        Reset();
        for (var i = 0; i < Events; i++)
        {
            _publisher.PublishAsync(Input(), CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public async Task RawHttpClientLoop()
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Events)
            {
                var (body, headers) = _signed[i];
                using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
                request.Content.Headers.TryAddWithoutValidation(WebhookHeaderNames.ContentType, WebhookHeaderNames.JsonContentType);
                foreach (var (name, value) in headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                using var response = await _raw.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
            }
        }));
        await _done.Task;
    }

    /// <summary>
    /// The delivery engine alone, like for like with the floor: the worker starts with <see cref="Events"/> published
    /// events in the store and leases, signs (a fresh timestamp and signature per attempt), posts and records each one.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public async Task PublisherDeliversPublishedEvents()
    {
        foreach (var hosted in _hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        await _done.Task;
    }

    /// <summary>End to end: one producer publishes the 500 events one after another while the worker delivers them.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public async Task PublisherInMemoryStore()
    {
        for (var i = 0; i < Events; i++)
        {
            await _publisher.PublishAsync(Input(), CancellationToken.None);
        }

        await _done.Task;
    }

    /// <summary>
    /// The same 500 events published by <see cref="Concurrency"/> producers at once, as a backend serving many requests
    /// publishes them; the delivery concurrency is unchanged.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public async Task PublisherInMemoryStoreConcurrentProducers()
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < Events)
            {
                await _publisher.PublishAsync(Input(), CancellationToken.None);
            }
        }));
        await _done.Task;
    }

    private static WebhookEventInput Input() => new()
    {
        EventType = WebhookEventType.VisitReportApproved,
        OccurredAt = DateTimeOffset.UtcNow,
        TenantId = "tenant-123",
        EventId = WebhookIdentifiers.NewEventId(),
        Customer = new CustomerRecord
        {
            TenantId = "tenant-123",
            Id = 12,
            CustomerNumber = "RRM-001",
            Name = "Rhein-Ruhr Medical Supply",
            ExternalIds = new Dictionary<string, string> { ["logistics_erp"] = "CUST-10042" },
        },
        Location = new LocationRecord { TenantId = "tenant-123", Id = 34, Name = "Essen Center", City = "Essen", Latitude = 51.45, Longitude = 7.01 },
        Contact = new ContactRecord { TenantId = "tenant-123", Id = 56, DisplayName = "Anna Weber" },
        Target = new TargetRecord { TenantId = "tenant-123", Id = 455, Title = "Maintenance visit" },
        VisitReport = new VisitReportRecord
        {
            TenantId = "tenant-123",
            Id = 901,
            Title = "Maintenance visit - Essen Center",
            Status = "Approved",
            Result = "Successful",
            IsBillable = true,
            BillingStatus = "NotReady",
            AttachmentCount = 2,
        },
    };
}
