using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Receiving.Tests;

/// <summary>docs/telemetry.md lists every instrument the receiver creates, with its kind and unit, and its span name.</summary>
public sealed class ReceiverTelemetryDocsTests
{
    [Fact]
    public void Every_instrument_and_the_span_of_the_receiver_are_in_the_telemetry_table()
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

        using var telemetry = new ReceiverTelemetry(meterFactory);
        listener.Start();

        Assert.Equal(7, instruments.Count);
        Assert.All(instruments, i => Assert.Contains($"| `{i.Name}` | {Kind(i)} | `{i.Unit}` | receiver |", docs, StringComparison.Ordinal));
        Assert.Contains($"| `{ReceiverTelemetry.ReceiveSpan}` |", docs, StringComparison.Ordinal);
        Assert.Contains($"| `{ReceiverTelemetry.Name}` | `{ReceiverTelemetry.Name}` |", docs, StringComparison.Ordinal);
    }

    private static string Kind(Instrument instrument) => instrument switch
    {
        Counter<long> => "counter",
        Histogram<double> => "histogram",
        _ => instrument.GetType().Name,
    };
}
