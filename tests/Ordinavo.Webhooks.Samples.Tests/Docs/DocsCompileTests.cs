using System.Net;
using System.Net.Sockets;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Signing;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Samples.Tests.Docs;

/// <summary>
/// Every C# block of README.md and docs/*.md is a complete file that compiles as written, or a fragment marked with the
/// complete example it belongs to (the convention is on <see cref="MarkdownCSharpBlocks"/>); the README's quick starts
/// run: the receiver handles a signed event, and the publisher delivers an event that the receiver verifies and handles.
/// </summary>
public sealed class DocsCompileTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string> { "README.md" };
        foreach (var file in Directory.GetFiles(RepositoryPaths.Combine("docs"), "*.md").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_csharp_block_is_a_complete_file_or_a_marked_fragment(string document)
    {
        var problems = MarkdownCSharpBlocks.Problems(MarkdownCSharpBlocks.Read(document), ReadDocument, ReadSource);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    public static TheoryData<string> CompleteExamples()
    {
        var data = new TheoryData<string>();
        foreach (var document in Documents())
        {
            foreach (var example in CompleteBlocks(document).Select(b => b.ExampleKey).Distinct())
            {
                data.Add(example);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CompleteExamples))]
    public void A_complete_example_compiles_as_written(string example)
    {
        var files = Example(example);
        DocCompiler.Compile([.. files.Select(f => f.Code)], "DocExample", $"{example} ({string.Join(", ", files)})");
    }

    [Fact]
    public void A_block_without_usings_or_marker_is_reported()
    {
        var blocks = MarkdownCSharpBlocks.Parse("doc.md", "Text\n\n```csharp\nbuilder.Services.AddOrdinavoWebhookReceiver();\n```\n");

        var problem = Assert.Single(MarkdownCSharpBlocks.Problems(blocks, _ => null, _ => null));
        Assert.Contains("doc.md:3", problem, StringComparison.Ordinal);
        Assert.Contains("fragment of:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fragment_of_an_example_that_does_not_exist_is_reported()
    {
        var target = MarkdownCSharpBlocks.Parse("other.md", "<!-- example: receiver -->\n```csharp\nusing System;\n```\n");
        var blocks = MarkdownCSharpBlocks.Parse(
            "doc.md",
            "<!-- fragment of: other.md#receiver -->\n```csharp\napp.Run();\n```\n" +
            "<!-- fragment of: other.md#publisher -->\n```csharp\napp.Run();\n```\n" +
            "<!-- fragment of: missing.md#receiver -->\n```csharp\napp.Run();\n```\n");

        var problems = MarkdownCSharpBlocks.Problems(blocks, file => file == "other.md" ? target : null, _ => null);

        Assert.Equal(2, problems.Count);
        Assert.Contains("'other.md#publisher'", problems[0], StringComparison.Ordinal);
        Assert.Contains("'missing.md#receiver'", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_compiled_elsewhere_must_be_in_that_file_verbatim()
    {
        var blocks = MarkdownCSharpBlocks.Parse("doc.md", "<!-- compiled in: tests/X/Example.cs -->\n```csharp\nusing System;\n\nclass A;\n```\n");

        Assert.Empty(MarkdownCSharpBlocks.Problems(blocks, _ => null, _ => "// header\nusing System;\n\nclass A;\n"));
        Assert.Single(MarkdownCSharpBlocks.Problems(blocks, _ => null, _ => "using System;\n\nclass B;\n"));
        Assert.Single(MarkdownCSharpBlocks.Problems(blocks, _ => null, _ => null));
    }

    [Fact]
    public async Task The_readme_receiver_quick_start_runs_and_its_handler_handles_a_signed_event()
    {
        using var receiver = await CompiledQuickStart.CreateAsync(Example("README.md#receiver"), "ReceiverQuickStart");
        var secret = WebhookSecret.Generate().ExposeSecret();
        var port = FreePort();
        using var app = SampleProcess.StartDll(
            receiver.Dll,
            ["--urls", $"http://127.0.0.1:{port}"],
            new Dictionary<string, string> { ["Ordinavo__Webhooks__Secret"] = secret });
        await app.WaitForLineAsync("Now listening on", TimeSpan.FromSeconds(60));

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var handled = await client.PostOrdinavoWebhookAsync("/webhooks/ordinavo", WebhookEventType.VisitReportApproved, secret);
        var unhandled = await client.PostOrdinavoWebhookAsync("/webhooks/ordinavo", WebhookEventType.TargetImported, secret);

        Assert.True(handled.IsHandled, handled.ToString());
        Assert.Equal("unhandled", unhandled.Outcome);
        await app.WaitForLineAsync("Create billing draft for visit report", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_readme_publisher_quick_start_delivers_an_event_that_the_receiver_quick_start_verifies_and_handles()
    {
        using var receiver = await CompiledQuickStart.CreateAsync(Example("README.md#receiver"), "ReceiverQuickStart");
        using var publisher = await CompiledQuickStart.CreateAsync(Example("README.md#publisher"), "PublisherQuickStart");
        var secret = WebhookSecret.Generate().ExposeSecret();
        var port = FreePort();
        using var receiverApp = SampleProcess.StartDll(
            receiver.Dll,
            ["--urls", $"http://127.0.0.1:{port}"],
            new Dictionary<string, string> { ["Ordinavo__Webhooks__Secret"] = secret });
        await receiverApp.WaitForLineAsync("Now listening on", TimeSpan.FromSeconds(60));

        // The README's appsettings.json, as environment variables, with the receiver on loopback allowed as the README says.
        using var publisherApp = SampleProcess.StartDll(
            publisher.Dll,
            [],
            new Dictionary<string, string>
            {
                ["Ordinavo__Webhooks__Publisher__AllowInsecureHttp"] = "true",
                ["Ordinavo__Webhooks__Publisher__AllowedDestinations__0"] = "127.0.0.1",
                ["Ordinavo__Webhooks__Subscriptions__0__Id"] = "erp",
                ["Ordinavo__Webhooks__Subscriptions__0__TenantId"] = "tenant-123",
                ["Ordinavo__Webhooks__Subscriptions__0__EndpointUrl"] = $"http://127.0.0.1:{port}/webhooks/ordinavo",
                ["Ordinavo__Webhooks__Subscriptions__0__Secrets__0"] = secret,
                ["Ordinavo__Webhooks__Subscriptions__0__EventTypes__0"] = "visit_report.*",
                ["Ordinavo__Webhooks__Subscriptions__0__SourceSystem"] = "service_erp",
            },
            workingDirectory: publisher.Folder.FullName);

        var published = await publisherApp.WaitForLineAsync("Published evt_", TimeSpan.FromSeconds(60));
        Assert.EndsWith(": 1 deliveries", published, StringComparison.Ordinal);
        await receiverApp.WaitForLineAsync("Create billing draft for visit report 901", TimeSpan.FromSeconds(30));
        Assert.True(File.Exists(Path.Combine(publisher.Folder.FullName, "data", "webhooks-outbox.db")), publisherApp.Output);
    }

    private static IEnumerable<MarkdownCSharpBlocks.Block> CompleteBlocks(string document) =>
        MarkdownCSharpBlocks.Read(document).Where(b => b.Kind == MarkdownCSharpBlocks.Kind.Complete);

    /// <summary>The files of a complete example, by its key (<c>FILE#NAME</c>, or <c>FILE:LINE</c> for a block alone).</summary>
    private static List<MarkdownCSharpBlocks.Block> Example(string key)
    {
        var file = key.Contains('#', StringComparison.Ordinal) ? key[..key.IndexOf('#', StringComparison.Ordinal)] : key[..key.LastIndexOf(':')];
        var files = CompleteBlocks(file).Where(b => b.ExampleKey == key).ToList();
        Assert.NotEmpty(files);
        return files;
    }

    private static IReadOnlyList<MarkdownCSharpBlocks.Block>? ReadDocument(string file) =>
        File.Exists(RepositoryPaths.Combine(file.Split('/'))) ? MarkdownCSharpBlocks.Read(file) : null;

    private static string? ReadSource(string file)
    {
        var path = RepositoryPaths.Combine(file.Split('/'));
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
