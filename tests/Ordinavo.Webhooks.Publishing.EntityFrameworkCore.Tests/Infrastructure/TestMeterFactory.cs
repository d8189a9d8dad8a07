using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Ordinavo.Webhooks.Publishing.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>
/// A meter factory for one publisher node; <see cref="PublishedCount"/> sums <c>ordinavo.webhook.published</c> of this
/// node's meter only (tests running in parallel have their own).
/// </summary>
public sealed class TestMeterFactory : IMeterFactory
{
    private readonly ConcurrentBag<Meter> _meters = [];
    private readonly MeterListener _listener = new();
    private long _published;

    public TestMeterFactory()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, this) && instrument.Name == "ordinavo.webhook.published")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _published, value));
        _listener.Start();
    }

    public long PublishedCount => Interlocked.Read(ref _published);

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        _listener.Dispose();
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}
