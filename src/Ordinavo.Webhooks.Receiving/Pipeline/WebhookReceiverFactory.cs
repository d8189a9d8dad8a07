using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>Creates each named receiver once from its options, and hands it the new options when they change.</summary>
internal sealed class WebhookReceiverFactory : IWebhookReceiverFactory, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<WebhookReceiver>> _receivers = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<WebhookReceiverOptions> _options;
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ReceiverTelemetry _telemetry;
    private readonly IDisposable? _changes;
    private readonly IWebhookReceiveObserver[] _observers;

    public WebhookReceiverFactory(
        IOptionsMonitor<WebhookReceiverOptions> options,
        IServiceScopeFactory scopeFactory,
        TimeProvider timeProvider,
        ILoggerFactory? loggerFactory = null,
        IMeterFactory? meterFactory = null,
        IEnumerable<IWebhookReceiveObserver>? observers = null)
    {
        _observers = observers is null ? [] : [.. observers];
        _options = options;
        _scopeFactory = scopeFactory;
        _timeProvider = timeProvider;
        _logger = (ILogger?)loggerFactory?.CreateLogger<WebhookReceiver>() ?? NullLogger.Instance;
        _telemetry = new ReceiverTelemetry(meterFactory);
        _changes = options.OnChange(OnOptionsChanged);
    }

    public WebhookReceiver GetReceiver(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _receivers.GetOrAdd(name, n => new Lazy<WebhookReceiver>(() => Create(n))).Value;
    }

    public void Dispose()
    {
        _changes?.Dispose();
        _telemetry.Dispose();
    }

    private void OnOptionsChanged(WebhookReceiverOptions options, string? name)
    {
        if (_receivers.TryGetValue(name ?? Options.DefaultName, out var receiver) && receiver.IsValueCreated && options.IsRegistered)
        {
            receiver.Value.Reload(options);
        }
    }

    private WebhookReceiver Create(string name)
    {
        var options = _options.Get(name);
        if (!options.IsRegistered)
        {
            throw new InvalidOperationException(
                string.IsNullOrEmpty(name)
                    ? "No default webhook receiver is registered: call services.AddOrdinavoWebhookReceiver(...)."
                    : $"No webhook receiver named '{name}' is registered: call services.AddOrdinavoWebhookReceiver(\"{name}\", ...).");
        }

        return new WebhookReceiver(name, options, _scopeFactory, _logger, _telemetry, _timeProvider, _observers);
    }
}
