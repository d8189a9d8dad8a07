using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Publishing.EntityFrameworkCore.Tests.Docs;

/// <summary>The documented example compiles (Docs/UnitOfWorkExample.cs) and the documents show it verbatim.</summary>
public sealed class DocsTests
{
    [Theory]
    [InlineData("docs/publishing.md")]
    [InlineData("src/Ordinavo.Webhooks.Publishing.EntityFrameworkCore/README.md")]
    public void The_document_shows_the_compiled_example(string document)
    {
        var source = File.ReadAllText(RepositoryPaths.Combine("tests", "Ordinavo.Webhooks.Publishing.EntityFrameworkCore.Tests", "Docs", "UnitOfWorkExample.cs")).ReplaceLineEndings("\n");
        var start = source.IndexOf("#region unit-of-work\n", StringComparison.Ordinal) + "#region unit-of-work\n".Length;
        var example = source[start..source.IndexOf("#endregion", StringComparison.Ordinal)];
        var text = File.ReadAllText(RepositoryPaths.Combine(document.Split('/'))).ReplaceLineEndings("\n");
        Assert.True(text.Contains("```csharp\n" + example + "```", StringComparison.Ordinal), $"{document} lacks the example of Docs/UnitOfWorkExample.cs");
    }

    [Fact]
    public void Public_api_matches_the_approved_snapshot() =>
        Snapshot.MatchText(PublicApi.Dump(typeof(IWebhookDbContextPublisher).Assembly), "PublicApi");
}
