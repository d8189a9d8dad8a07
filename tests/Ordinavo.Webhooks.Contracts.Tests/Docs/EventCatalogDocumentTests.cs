using System.Text.RegularExpressions;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Contracts.Tests.Docs;

public class EventCatalogDocumentTests
{
    [Fact]
    public void Checked_in_event_catalog_matches_the_catalog()
    {
        var generated = new Dictionary<string, string> { [EventCatalogDocument.FileName] = EventCatalogDocument.Generate() };

        GeneratedFiles.Verify(RepositoryPaths.Combine("docs"), generated, EventCatalogDocument.FileName);
    }

    [Fact]
    public void Event_catalog_lists_every_type_once_in_its_table_with_its_category_and_description()
    {
        var document = EventCatalogDocument.Generate();

        foreach (var d in WebhookEventCatalog.All)
        {
            var rows = document.Split('\n').Where(l => l.StartsWith($"| `{d.Type.Value}` |", StringComparison.Ordinal)).ToArray();
            var row = Assert.Single(rows);
            Assert.Contains(d.Description, row, StringComparison.Ordinal);
            Assert.Contains($"| {d.Type.Value[..d.Type.Value.IndexOf('.', StringComparison.Ordinal)]} |", row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_link_of_the_event_catalog_points_to_an_existing_file()
    {
        var document = EventCatalogDocument.Generate();
        var links = Regex.Matches(document, @"\]\(([^)]+)\)").Select(m => m.Groups[1].Value).Distinct().ToArray();

        Assert.Equal(1 + (2 * WebhookEventCatalog.All.Count), links.Length); // schemas/ folder + schema and example per type
        foreach (var link in links)
        {
            var path = Path.GetFullPath(Path.Combine(RepositoryPaths.Combine("docs"), link));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"The link {link} of the event catalog points nowhere.");
        }
    }
}
