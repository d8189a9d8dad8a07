using Ordinavo.Webhooks.Contracts.Serialization;
using Ordinavo.Webhooks.TestSupport;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Contracts.Tests;

/// <summary>
/// One approved snapshot per event type (<c>Snapshots/{eventType}.verified.json</c>): the wire form of the
/// integrators' sample payloads (<see cref="WebhookSamples"/>), so every change of a payload is a reviewed diff.
/// </summary>
public class SampleSnapshotTests
{
    public static TheoryData<string> EventTypes() => [.. WebhookEventCatalog.All.Select(d => d.Type.Value)];

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Sample_payload_matches_its_snapshot(string eventType)
    {
        var sample = WebhookSamples.For(WebhookEventType.Parse(eventType));

        Snapshot.MatchJson(WebhookEventSerializer.SerializeToString(sample, indented: true), eventType);
    }

    [Fact]
    public void There_is_exactly_one_snapshot_per_event_type()
    {
        var directory = Path.Combine(Path.GetDirectoryName(ThisFile())!, "Snapshots");
        var snapshots = Directory.GetFiles(directory, "*.verified.json").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var expected = WebhookEventCatalog.All.Select(d => $"{d.Type.Value}.verified.json").Order(StringComparer.Ordinal);

        Assert.Equal(expected, snapshots);
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
