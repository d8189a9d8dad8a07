using Microsoft.Playwright;

namespace Ordinavo.Webhooks.Publishing.Dashboard.Tests.Browser;

/// <summary>
/// The machine's Chromium (Debian's package; Playwright drives it through its executable path and never downloads a
/// browser). Missing on a developer's machine: the browser tests are skipped with one reason; under CI=true they run
/// and fail instead, since .ci/run installs it.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? SkipReason => File.Exists(ExecutablePath) || IsCi
        ? null
        : $"Chromium is not installed at {ExecutablePath} (apt-get install -y chromium); the browser tests are skipped.";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ExecutablePath}: run apt-get install -y chromium (.ci/run does).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Root on CI and in containers: Chromium's sandbox needs user namespaces it does not have there.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
        return (playwright, browser);
    }
}
