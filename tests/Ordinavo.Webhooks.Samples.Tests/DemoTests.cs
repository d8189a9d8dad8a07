using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Ordinavo.Webhooks.Samples.Tests;

/// <summary>The README's first command: the demo must play the whole day and exit 0 only when every check held.</summary>
public sealed partial class DemoTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Demo_plays_the_day_and_every_expectation_holds()
    {
        using var demo = SampleProcess.Start("Ordinavo.Webhooks.Samples.Demo", []);
        var exitCode = await demo.WaitForExitAsync(TimeSpan.FromMinutes(3));
        var output = demo.Output;
        log.WriteLine(output);

        Assert.True(exitCode == 0, $"The demo exited with {exitCode}. Its output:\n{output}");
        var result = ResultLine().Match(output);
        Assert.True(result.Success, $"The demo printed no RESULT line. Its output:\n{output}");
        Assert.Equal(result.Groups["passed"].Value, result.Groups["total"].Value);
        Assert.True(int.Parse(result.Groups["total"].Value, CultureInfo.InvariantCulture) >= 10, "The demo checked fewer expectations than it should.");
        Assert.Equal("12", result.Groups["published"].Value);
        Assert.Equal("14", result.Groups["delivered"].Value);
        Assert.Equal("1", result.Groups["retried"].Value);
        Assert.Equal("1", result.Groups["duplicates"].Value);
        Assert.Equal("1", result.Groups["rejected"].Value);
        Assert.True(double.Parse(result.Groups["seconds"].Value, CultureInfo.InvariantCulture) < 60, "The demo took a minute or more.");
        Assert.DoesNotContain("[FAIL]", output, StringComparison.Ordinal);

        // A progress row per event of the day, the failure cases, and plain ASCII (CI captures the output).
        Assert.Equal(12, ProgressRow().Count(output));
        Assert.Contains("503, 503, 200", output, StringComparison.Ordinal);
        Assert.Contains("{\"status\":200,\"outcome\":\"duplicate\"}", output, StringComparison.Ordinal);
        Assert.Contains("answered 401 {\"status\":401,\"outcome\":\"invalid_signature\"}", output, StringComparison.Ordinal);
        Assert.Contains("would create billing draft for visit report 901", output, StringComparison.Ordinal);
        Assert.Contains("AllowInsecureHttp = true", output, StringComparison.Ordinal);
        Assert.All(output, c => Assert.True(c < 128, $"Non-ASCII character U+{(int)c:X4} in the demo's output."));
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);

        // The subscriptions came through the admin API: created over HTTP (201, ids issued by the SDK), listed, refused
        // without the API key; the deliveries went to those ids; the ERP's secret was rotated over the API.
        var created = CreatedSubscription().Matches(output);
        Assert.Equal(["erp", "reporting"], created.Select(m => m.Groups["name"].Value));
        var erpId = created[0].Groups["id"].Value;
        Assert.Contains("GET /admin/webhooks/subscriptions -> 200 OK: 2 subscription(s)", output, StringComparison.Ordinal);
        Assert.Contains("GET /admin/webhooks/subscriptions -> 401 Unauthorized", output, StringComparison.Ordinal);
        Assert.Matches($@"RedeliverAsync\(""evt_[0-9A-Z]{{26}}"", ""{erpId}""\)", output);
        Assert.Contains($"POST /admin/webhooks/subscriptions/{erpId}/rotate-secret -> 200 OK", output, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(output, $"POST /admin/webhooks/subscriptions/{erpId}/test -> 200 OK: webhook.test sent; the receiver answered 200"));
        Assert.Contains($"POST /admin/webhooks/subscriptions/{erpId}/expire-old-secrets -> 200 OK: 1 secret signs now", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(IssuedSecret(), output);

        // The outbox lived in a temporary folder that the demo named and removed.
        var outbox = OutboxLine().Match(output);
        Assert.True(outbox.Success, "The demo did not name its outbox file.");
        Assert.False(File.Exists(outbox.Groups["path"].Value.Trim()), "The demo left its temporary outbox behind.");
    }

    private static int CountOf(string text, string value) => text.Split(value).Length - 1;

    [GeneratedRegex(@"^  POST /admin/webhooks/subscriptions -> 201 Created: (?<id>sub_[0-9A-Z]{26}), (?<name>erp|reporting): ", RegexOptions.Multiline)]
    private static partial Regex CreatedSubscription();

    [GeneratedRegex(@"whsec_[A-Za-z0-9+/]{16,}")]
    private static partial Regex IssuedSecret();

    [GeneratedRegex(@"RESULT: PASS \((?<passed>\d+)/(?<total>\d+) checks\) published=(?<published>\d+) delivered=(?<delivered>\d+) retried=(?<retried>\d+) duplicates_ignored=(?<duplicates>\d+) rejected=(?<rejected>\d+) seconds=(?<seconds>[0-9.]+)")]
    private static partial Regex ResultLine();

    [GeneratedRegex(@"^\[\s?\d+/12\] ", RegexOptions.Multiline)]
    private static partial Regex ProgressRow();

    [GeneratedRegex(@"outbox file: (?<path>\S+)")]
    private static partial Regex OutboxLine();
}
