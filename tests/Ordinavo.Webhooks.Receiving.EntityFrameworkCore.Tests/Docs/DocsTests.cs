using System.Net;
using Erp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Signing;
using Ordinavo.Webhooks.Testing;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore.Tests.Docs;

/// <summary>
/// The documented examples compile (Docs/ErpDbContext.cs, Docs/ErpWebhooks.cs, Docs/VisitReportApprovedHandler.cs),
/// the documents show them verbatim, and the app they build handles a signed event once over HTTP.
/// </summary>
public sealed class DocsTests
{
    public static TheoryData<string, string> DocumentsAndExamples()
    {
        var data = new TheoryData<string, string>();
        foreach (var document in new[] { "docs/receiving.md", "src/Ordinavo.Webhooks.Receiving.EntityFrameworkCore/README.md" })
        {
            foreach (var example in new[] { "ErpDbContext.cs", "ErpWebhooks.cs", "VisitReportApprovedHandler.cs" })
            {
                data.Add(document, example);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DocumentsAndExamples))]
    public void The_document_shows_the_compiled_example(string document, string example)
    {
        var source = File.ReadAllText(RepositoryPaths.Combine("tests", "Ordinavo.Webhooks.Receiving.EntityFrameworkCore.Tests", "Docs", example)).ReplaceLineEndings("\n");
        var start = source.IndexOf("#region docs\n", StringComparison.Ordinal) + "#region docs\n".Length;
        var code = source[start..source.IndexOf("#endregion", StringComparison.Ordinal)];
        var text = File.ReadAllText(RepositoryPaths.Combine(document.Split('/'))).ReplaceLineEndings("\n");
        Assert.True(text.Contains("```csharp\n" + code + "```", StringComparison.Ordinal), $"{document} lacks the example of Docs/{example}");
    }

    [Fact]
    public async Task The_example_app_handles_a_signed_event_once_and_answers_its_redelivery_as_a_duplicate()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ordinavo-ef-docs-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            var secret = WebhookSecret.Generate().ExposeSecret();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Erp"] = $"Data Source={Path.Combine(folder, "erp.db")}",
                ["Ordinavo:Webhooks:Secret"] = secret,
            });

            await using var app = ErpWebhooks.Build(builder);
            await using (var scope = app.Services.CreateAsyncScope())
            {
                // What `dotnet ef database update` does for the documented migration.
                await scope.ServiceProvider.GetRequiredService<ErpDbContext>().Database.EnsureCreatedAsync();
            }

            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var endpoint = new Uri(new Uri(address), "/webhooks/ordinavo");
            var eventId = WebhookIdentifiers.NewEventId();
            var request = WebhookTestRequests.Create(WebhookEventType.VisitReportApproved, secret, new WebhookTestRequestOptions { EventId = eventId });

            using var http = new HttpClient();
            using (var first = await http.SendAsync(request.ToHttpRequestMessage(endpoint)))
            {
                Assert.Equal(HttpStatusCode.OK, first.StatusCode);
                Assert.Contains("\"handled\"", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            Assert.Equal(1, await CountDraftsAsync(app, eventId));

            using (var again = await http.SendAsync(request.AsAttempt(2).ToHttpRequestMessage(endpoint)))
            {
                Assert.Equal(HttpStatusCode.OK, again.StatusCode);
                Assert.Contains("\"duplicate\"", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            Assert.Equal(1, await CountDraftsAsync(app, eventId));
            await app.StopAsync();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<int> CountDraftsAsync(WebApplication app, string eventId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ErpDbContext>().BillingDrafts.CountAsync(d => d.EventId == eventId);
    }
}
