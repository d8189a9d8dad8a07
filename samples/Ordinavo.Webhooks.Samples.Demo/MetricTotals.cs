using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Ordinavo.Webhooks.Samples.Demo;

/// <summary>
/// Listens to the packages' meters (what a monitoring system would scrape) and keeps a total per instrument, e.g.
/// <c>Ordinavo.Webhooks.Receiving/ordinavo.webhook.deduplicated</c>.
/// </summary>
internal sealed class MetricTotals : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);

    public MetricTotals()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("Ordinavo.Webhooks.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            _totals.AddOrUpdate($"{instrument.Meter.Name}/{instrument.Name}", value, (_, total) => total + value));
        _listener.Start();
    }

    public long this[string meter, string instrument] => _totals.TryGetValue($"{meter}/{instrument}", out var total) ? total : 0;

    public void Dispose() => _listener.Dispose();
}
