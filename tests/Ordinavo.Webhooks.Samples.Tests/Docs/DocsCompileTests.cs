using System.Net;
using System.Net.Sockets;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Signing;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Samples.Tests.Docs;

/// <summary>The documentation's complete C# files compile as written; the README's receiver quick start runs and handles a signed event.</summary>
public sealed class DocsCompileTests
{
    // The documents whose complete blocks compile against this project's references (the EF Core pages' examples are
    // compiled and shown verbatim by the EF Core test projects).
    public static TheoryData<string> CompleteBlocks()
    {
        var data = new TheoryData<string>();
        foreach (var file in new[] { "README.md", "docs/publishing.md" })
        {
            foreach (var block in MarkdownCSharpBlocks.Read(file).Where(b => b.IsComplete && !b.Code.Contains("EntityFrameworkCore", StringComparison.Ordinal)))
            {
                data.Add(block.ToString());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CompleteBlocks))]
    public void A_complete_block_compiles_as_written(string origin)
    {
        var block = Find(origin);
        DocCompiler.Compile(block.Code, "DocBlock", origin);
    }

    [Fact]
    public async Task The_readme_receiver_quick_start_runs_and_its_handler_handles_a_signed_event()
    {
        var block = MarkdownCSharpBlocks.Read("README.md").Single(b => b.IsComplete && b.Code.Contains("MapOrdinavoWebhooks", StringComparison.Ordinal));
        var folder = Directory.CreateTempSubdirectory("ordinavo-quickstart-");
        try
        {
            // The compiled quick start beside this project's assemblies (no deps.json: the host loads them from its folder).
            foreach (var dll in Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
            {
                File.Copy(dll, Path.Combine(folder.FullName, Path.GetFileName(dll)));
            }

            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "QuickStart.dll"), DocCompiler.Compile(block.Code, "QuickStart", block.ToString()));
            File.Copy(
                Path.ChangeExtension(SampleProcess.DllPath("Ordinavo.Webhooks.Samples.Receiver"), ".runtimeconfig.json"),
                Path.Combine(folder.FullName, "QuickStart.runtimeconfig.json"));

            var secret = WebhookSecret.Generate().ExposeSecret();
            var port = FreePort();
            using var app = SampleProcess.StartDll(
                Path.Combine(folder.FullName, "QuickStart.dll"),
                ["--urls", $"http://127.0.0.1:{port}"],
                new Dictionary<string, string> { ["Ordinavo__Webhooks__Secret"] = secret });
            await app.WaitForLineAsync("Now listening on", TimeSpan.FromSeconds(60));

            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var handled = await client.PostOrdinavoWebhookAsync("/webhooks/ordinavo", WebhookEventType.BillingEventReady, secret);
            var unhandled = await client.PostOrdinavoWebhookAsync("/webhooks/ordinavo", WebhookEventType.TargetImported, secret);

            Assert.True(handled.IsHandled, handled.ToString());
            Assert.Equal("unhandled", unhandled.Outcome);
            await app.WaitForLineAsync("Create billing draft for visit report", TimeSpan.FromSeconds(10));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static MarkdownCSharpBlocks.Block Find(string origin)
    {
        var file = origin[..origin.LastIndexOf(':')];
        return MarkdownCSharpBlocks.Read(file).Single(b => b.ToString() == origin);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
