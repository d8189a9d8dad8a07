using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Payloads;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing.Tests.Support;

/// <summary>
/// The publisher wired through DI with a fake clock (FakeTimeProvider), the in-memory stores and a stub HTTP handler (no worker: tests
/// drive the engine round by round with <see cref="RunOnceAsync"/>).
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    public static readonly WebhookSecret Secret = WebhookSecret.Generate();

    public EngineHarness(Action<WebhookPublisherOptions>? configure = null, Action<IWebhookPublisherBuilder>? build = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        var builder = services.AddOrdinavoWebhookPublisher(o =>
            {
                o.EnableDeliveryWorker = false;
                configure?.Invoke(o);
            })
            .UseInMemoryStore()
            .UseInMemorySubscriptions()
            .AddObserver<RecordingObserver>();
        build?.Invoke(builder);
        services.AddHttpClient(WebhookPublisherOptions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Handler);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Engine = Services.GetRequiredService<WebhookDeliveryEngine>();
        Engine.Random = () => 0.5;
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 6, 18, 16, 40, 0, TimeSpan.Zero));

    public StubHandler Handler { get; } = new();

    public ServiceProvider Services { get; }

    public WebhookDeliveryEngine Engine { get; }

    public IWebhookPublisher Publisher => Services.GetRequiredService<IWebhookPublisher>();

    public IWebhookOperations Operations => Services.GetRequiredService<IWebhookOperations>();

    public IWebhookOutboxStore Outbox => Services.GetRequiredService<IWebhookOutboxStore>();

    /// <summary>The outbox's query and operations seam (the same store).</summary>
    public IWebhookDeliveryMonitor Monitor => Services.GetRequiredService<IWebhookDeliveryMonitor>();

    public InMemoryWebhookSubscriptionStore Subscriptions => Services.GetRequiredService<InMemoryWebhookSubscriptionStore>();

    public RecordingObserver Observer => (RecordingObserver)Services.GetServices<IWebhookDeliveryObserver>().Single();

    public WebhookSubscription AddSubscription(
        string id = "sub-1", string tenantId = PayloadInputs.TenantId, string[]? events = null, Uri? endpoint = null,
        WebhookSecret[]? secrets = null, bool standardWebhooks = false, WebhookPayloadOptions? options = null, string? sourceSystem = PayloadInputs.SourceSystem)
    {
        var subscription = new WebhookSubscription
        {
            Id = id,
            TenantId = tenantId,
            EndpointUrl = endpoint ?? new Uri($"https://receiver.example/{id}"),
            Secrets = secrets ?? [Secret],
            EventFilter = new WebhookEventFilter(events ?? []),
            StandardWebhooksHeaders = standardWebhooks,
            PayloadOptions = options ?? new WebhookPayloadOptions(),
            SourceSystem = sourceSystem,
        };
        Subscriptions.Upsert(subscription);
        return subscription;
    }

    public static WebhookEventInput Input(WebhookEventType? type = null, string? eventId = null) =>
        PayloadInputs.For(type ?? WebhookEventType.VisitReportApproved).WithEventId(eventId ?? WebhookIdentifiers.NewEventId());

    public Task<int> RunOnceAsync() => Engine.RunOnceAsync(CancellationToken.None);

    public async Task<WebhookDeliveryRecord> SingleDeliveryAsync()
    {
        var page = await Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery(), CancellationToken.None);
        return Assert.Single(page.Items);
    }

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}
