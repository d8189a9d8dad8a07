using Microsoft.Playwright;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Publishing.Dashboard.Tests.Browser;

/// <summary>
/// Saves a screenshot of each page under the test results (artifacts/test-results/screenshots, where CI keeps its
/// results); with ORDINAVO_UPDATE_SCREENSHOTS=1 also as docs/images/dashboard-NAME.png, the pictures of docs/operations.md.
/// </summary>
public static class Screenshots
{
    public static string Directory { get; } = RepositoryPaths.Combine("artifacts", "test-results", "screenshots");

    public static bool UpdateDocs => Environment.GetEnvironmentVariable("ORDINAVO_UPDATE_SCREENSHOTS") == "1";

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, $"dashboard-{name}.png");
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(bytes.Length > 1000);
        if (UpdateDocs)
        {
            await File.WriteAllBytesAsync(RepositoryPaths.Combine("docs", "images", $"dashboard-{name}.png"), bytes);
        }

        return path;
    }
}
