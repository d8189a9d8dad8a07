using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Payloads.Tests;

/// <summary>What the builder writes satisfies the JSON Schemas published in docs/schemas (checked with JsonSchema.Net).</summary>
public sealed class SchemaConformanceTests
{
    [Theory]
    [MemberData(nameof(PayloadInputs.EventTypes), MemberType = typeof(PayloadInputs))]
    public void Every_body_under_every_option_combination_satisfies_the_published_schema(string eventType)
    {
        var type = WebhookEventType.Parse(eventType);
        var schema = WebhookSchemas.Published(eventType);
        var checkedBodies = 0;
        foreach (var input in new[] { PayloadInputs.For(type), PayloadInputs.WithAllRecords(type) })
        {
            foreach (var (context, contact, summary, billing) in PayloadInputs.OptionCombinations())
            {
                var body = WebhookPayloadBuilder.BuildUtf8Bytes(input, PayloadInputs.Profile(context, contact, summary, billing));

                var errors = WebhookSchemas.Validate(schema, body);
                Assert.True(errors.Count == 0, $"{eventType} ({context}/{contact}/{summary}/{billing}): {string.Join("; ", errors)}");
                checkedBodies++;
            }
        }

        Assert.Equal(2 * 16, checkedBodies);
    }

    [Fact]
    public void Every_approved_snapshot_satisfies_the_published_schema()
    {
        var snapshots = Directory.GetFiles(Path.Combine(Path.GetDirectoryName(ThisFile())!, "Snapshots"), "*.verified.json", SearchOption.AllDirectories);

        // Every event type with default options, the visit report under the 16 option combinations, the billing matrix.
        Assert.True(snapshots.Length >= 24 + 16 + 4, $"Only {snapshots.Length} snapshots were found.");
        foreach (var file in snapshots)
        {
            var errors = WebhookSchemas.ValidatePublished(File.ReadAllText(file));
            Assert.True(errors.Count == 0, $"{Path.GetFileName(file)}: {string.Join("; ", errors)}");
        }
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
