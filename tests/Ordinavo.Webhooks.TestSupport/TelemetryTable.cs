using System.Diagnostics.Metrics;

namespace Ordinavo.Webhooks.TestSupport;

/// <summary>The telemetry table of docs/telemetry.md, and the rows a package's meter should have in it.</summary>
public static class TelemetryTable
{
    /// <summary>The text of docs/telemetry.md.</summary>
    public static string Text => File.ReadAllText(RepositoryPaths.Combine("docs", "telemetry.md"));

    /// <summary>
    /// The instruments <paramref name="create"/> makes with <paramref name="meterFactory"/>, each as the start of its row
    /// (<c>| `name` | kind | `unit` | side |</c>).
    /// </summary>
    public static IReadOnlyList<string> RowsOf(IMeterFactory meterFactory, Func<IMeterFactory, IDisposable> create, string side)
    {
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

        using var created = create(meterFactory);
        listener.Start();
        lock (instruments)
        {
            return [.. instruments.Select(i => $"| `{i.Name}` | {Kind(i)} | `{i.Unit}` | {side} |")];
        }
    }

    private static string Kind(Instrument instrument) => instrument switch
    {
        Counter<long> => "counter",
        Histogram<double> => "histogram",
        ObservableGauge<long> => "gauge",
        _ => instrument.GetType().Name,
    };
}
