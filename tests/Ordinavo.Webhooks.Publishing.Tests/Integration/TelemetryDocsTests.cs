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
        var docs = TelemetryTable.Text;
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();

        var rows = TelemetryTable.RowsOf(services.GetRequiredService<IMeterFactory>(), factory => new WebhookPublisherTelemetry(factory), "publisher");

        Assert.Equal(8, rows.Count);
        Assert.All(rows, row => Assert.Contains(row, docs, StringComparison.Ordinal));
        Assert.Contains($"| `{WebhookPublisherTelemetry.PublishSpan}` | producer |", docs, StringComparison.Ordinal);
        Assert.Contains($"| `{WebhookPublisherTelemetry.DeliverSpan}` | client |", docs, StringComparison.Ordinal);
        Assert.Contains($"| `{WebhookPublisherTelemetry.Name}` | `{WebhookPublisherTelemetry.Name}` |", docs, StringComparison.Ordinal);
    }
}
