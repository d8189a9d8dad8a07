using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Publishing.Tests.Integration;

/// <summary>docs/telemetry.md lists every instrument the publisher creates, with its kind and unit, and both span names.</summary>
public sealed class TelemetryDocsTests
{
    [Fact]
    public void Every_instrument_and_span_of_the_publisher_is_in_the_telemetry_table()
    {
        var docs = File.ReadAllText(RepositoryPaths.Combine("docs", "telemetry.md"));
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        var instruments = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meterFactory))
                {
                    lock (instruments)
                    {
                        instruments.Add(instrument);
                    }
                }
            },
        };

        using var telemetry = new WebhookPublisherTelemetry(meterFactory);
        listener.Start();

        Assert.Equal(8, instruments.Count);
        Assert.All(instruments, i => Assert.Contains($"| `{i.Name}` | {Kind(i)} | `{i.Unit}` | publisher |", docs, StringComparison.Ordinal));
        Assert.Contains($"| `{WebhookPublisherTelemetry.PublishSpan}` | producer |", docs, StringComparison.Ordinal);
        Assert.Contains($"| `{WebhookPublisherTelemetry.DeliverSpan}` | client |", docs, StringComparison.Ordinal);
        Assert.Contains($"| `{WebhookPublisherTelemetry.Name}` | `{WebhookPublisherTelemetry.Name}` |", docs, StringComparison.Ordinal);
    }

    private static string Kind(Instrument instrument) => instrument switch
    {
        Counter<long> => "counter",
        Histogram<double> => "histogram",
        ObservableGauge<long> => "gauge",
        _ => instrument.GetType().Name,
    };
}
