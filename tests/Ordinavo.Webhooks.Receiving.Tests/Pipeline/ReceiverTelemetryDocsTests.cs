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
        var docs = TelemetryTable.Text;
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();

        var rows = TelemetryTable.RowsOf(services.GetRequiredService<IMeterFactory>(), factory => new ReceiverTelemetry(factory), "receiver");

        Assert.Equal(7, rows.Count);
        Assert.All(rows, row => Assert.Contains(row, docs, StringComparison.Ordinal));
        Assert.Contains($"| `{ReceiverTelemetry.ReceiveSpan}` |", docs, StringComparison.Ordinal);
        Assert.Contains($"| `{ReceiverTelemetry.Name}` | `{ReceiverTelemetry.Name}` |", docs, StringComparison.Ordinal);
    }
}
