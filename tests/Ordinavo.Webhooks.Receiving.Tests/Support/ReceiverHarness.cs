using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Testing;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Receiving.Tests;

/// <summary>A DI container with one receiver, a fake clock (FakeTimeProvider) and recording handlers; requests are signed at the clock's now.</summary>
public sealed class ReceiverHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public ReceiverHarness(Action<IWebhookReceiverBuilder>? configure = null, Action<WebhookReceiverOptions>? options = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(Log);
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddMetrics();
        var builder = services.AddOrdinavoWebhookReceiver(o =>
        {
            o.Secrets.Add(TestSecrets.Primary);
            options?.Invoke(o);
        });
        if (configure is null)
        {
            builder.AddHandler<RecordingHandler>("visit_report.*").AddHandler<RecordingHandler>("target.*");
        }
        else
        {
            configure(builder);
        }

        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        Receiver = _provider.GetRequiredService<WebhookReceiver>();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 6, 18, 16, 40, 0, TimeSpan.Zero));

    public HandlerLog Log { get; } = new();

    public CollectingLoggerProvider Logs { get; } = new();

    public WebhookReceiver Receiver { get; }

    public IServiceProvider Services => _provider;

    public SignedWebhookRequest Request(WebhookEventType type, string? eventId = null, string? secret = null, int attempt = 1) =>
        WebhookTestRequests.Create(type, secret ?? TestSecrets.Primary, new WebhookTestRequestOptions
        {
            EventId = eventId ?? WebhookIdentifiers.NewEventId(),
            Timestamp = Clock.GetUtcNow(),
            Attempt = attempt,
        });

    public SignedWebhookRequest Request(WebhookEvent webhookEvent, string? secret = null) =>
        WebhookTestRequests.Create(webhookEvent, secret ?? TestSecrets.Primary, new WebhookTestRequestOptions { Timestamp = Clock.GetUtcNow() });

    public ValueTask<WebhookReceiveResult> SendAsync(SignedWebhookRequest request, CancellationToken cancellationToken = default) =>
        Receiver.ReceiveAsync(request.HeaderReader, request.Body, request.ContentType, cancellationToken);

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
