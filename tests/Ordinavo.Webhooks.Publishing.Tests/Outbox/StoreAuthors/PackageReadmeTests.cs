using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Publishing.Tests.Outbox.StoreAuthors;

/// <summary>The code of the Ordinavo.Webhooks.Publishing.Testing README is the compiled code of ConformanceExamples.cs.</summary>
public sealed class PackageReadmeTests
{
    private static readonly string Readme =
        File.ReadAllText(RepositoryPaths.Combine("src", "Ordinavo.Webhooks.Publishing.Testing", "README.md")).ReplaceLineEndings("\n");

    public static TheoryData<string> Regions => new(ReadRegions().Keys);

    [Theory]
    [MemberData(nameof(Regions))]
    public void The_package_readme_contains_the_compiled_example_verbatim(string region)
    {
        var snippet = ReadRegions()[region];
        Assert.True(Readme.Contains(snippet, StringComparison.Ordinal), $"The package README lacks the example '{region}':\n{snippet}");
    }

    [Fact]
    public void The_registration_examples_register_one_store_as_both_seams_or_each_seam()
    {
        var one = new ServiceCollection();
        MyRegistrations.AddPublisher(one, "one");
        using (var provider = one.AddLogging().BuildServiceProvider())
        {
            var store = provider.GetRequiredService<IWebhookOutboxStore>();
            Assert.IsType<MyDatabaseOutboxStore>(store);
            Assert.Same(store, provider.GetRequiredService<IWebhookDeliveryMonitor>());
        }

        var two = new ServiceCollection();
        MyRegistrations.AddPublisherWithSeparateSeams(two, "two");
        using (var provider = two.AddLogging().BuildServiceProvider())
        {
            Assert.IsType<MyWorkerStore>(provider.GetRequiredService<IWebhookOutboxStore>());
            Assert.IsType<MyDeliveryMonitor>(provider.GetRequiredService<IWebhookDeliveryMonitor>());
        }
    }

    private static Dictionary<string, string> ReadRegions()
    {
        var regions = SourceRegions.Read(RepositoryPaths.Combine("tests", "Ordinavo.Webhooks.Publishing.Tests", "Outbox", "StoreAuthors", "ConformanceExamples.cs"));
        Assert.Equal(4, regions.Count);
        return regions;
    }
}
