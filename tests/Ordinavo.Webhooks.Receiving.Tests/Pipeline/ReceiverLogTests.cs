using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Testing;
using Ordinavo.Webhooks.TestSupport;

namespace Ordinavo.Webhooks.Receiving.Tests;

public sealed class ReceiverLogTests
{
    [Fact]
    public async Task A_stale_timestamp_is_logged_with_the_clock_difference_and_no_secret()
    {
        await using var harness = new ReceiverHarness();
        var stale = harness.Request(WebhookEventType.TargetImported).SignedAt(harness.Clock.GetUtcNow().AddMinutes(-10));

        var result = await harness.SendAsync(stale);

        Assert.Equal(401, result.StatusCode);
        var line = Assert.Single(harness.Logs.Entries, e => e.Message.Contains("signed timestamp", StringComparison.Ordinal));
        Assert.Contains("600 s behind this machine's clock", line.Message, StringComparison.Ordinal);
        Assert.Contains("tolerance of 300 s", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestSecrets.Primary[6..20], line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("receiver ''", string.Concat(harness.Logs.Entries.Select(e => e.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_operators_test_event_is_logged_as_a_test_event()
    {
        await using var harness = new ReceiverHarness();
        var eventId = WebhookIdentifiers.NewEventId();
        var body = Encoding.UTF8.GetBytes($$"""{"eventId":"{{eventId}}","eventType":"webhook.test","payloadVersion":"1.0","occurredAt":"2026-06-18T16:40:00Z","tenantId":"tenant-123","source":"ordinavo"}""");
        var request = WebhookTestRequests.CreateFromBody(body, eventId, "webhook.test", TestSecrets.Primary, new WebhookTestRequestOptions { Timestamp = harness.Clock.GetUtcNow() });

        var result = await harness.SendAsync(request);

        Assert.Equal((200, WebhookReceiveOutcome.Unhandled), (result.StatusCode, result.Outcome));
        Assert.Contains(harness.Logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains($"Test event {eventId} (webhook.test)", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Logs.Entries, e => e.Message.Contains("has no handler", StringComparison.Ordinal));
    }

    [Fact]
    public void A_receiver_without_handlers_warns_when_the_application_starts()
    {
        var logs = new CollectingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddOrdinavoWebhookReceiver(o => o.Secrets.Add(TestSecrets.Primary));
        services.AddOrdinavoWebhookReceiver("erp", o => o.Secrets.Add(TestSecrets.Primary)).AddHandlerForAll<RecordingHandler>();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        var warning = Assert.Single(logs.Entries, e => e.Message.Contains("has no handler", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith("The webhook receiver has no handler", warning.Message, StringComparison.Ordinal);
    }
}
