using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Receiving.Tests;

/// <summary>A secret rotation in configuration reaches a running receiver: no restart.</summary>
public sealed class OptionsReloadTests
{
    [Fact]
    public async Task A_secret_added_and_then_the_old_one_removed_in_configuration_take_effect_without_a_restart()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Webhooks:Secrets:0"] = TestSecrets.Primary })
            .Build();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 18, 16, 40, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(new HandlerLog());
        services.AddOrdinavoWebhookReceiver().AddHandler<RecordingHandler>("*");
        services.Configure<WebhookReceiverOptions>(configuration.GetSection("Webhooks"));
        await using var provider = services.BuildServiceProvider();
        var receiver = provider.GetRequiredService<WebhookReceiver>();

        Assert.Equal(200, (await SendAsync(receiver, clock, TestSecrets.Primary)).StatusCode);
        Assert.Equal(401, (await SendAsync(receiver, clock, TestSecrets.Secondary)).StatusCode);

        // Rotation, step 1: the new secret next to the old one.
        configuration["Webhooks:Secrets:1"] = TestSecrets.Secondary;
        configuration.Reload();
        Assert.Equal(200, (await SendAsync(receiver, clock, TestSecrets.Primary)).StatusCode);
        Assert.Equal(200, (await SendAsync(receiver, clock, TestSecrets.Secondary)).StatusCode);

        // Step 2: the old one removed (an in-memory source cannot delete a key: both entries now hold the new secret).
        configuration["Webhooks:Secrets:0"] = TestSecrets.Secondary;
        configuration.Reload();
        Assert.Equal(401, (await SendAsync(receiver, clock, TestSecrets.Primary)).StatusCode);
        Assert.Equal(200, (await SendAsync(receiver, clock, TestSecrets.Secondary)).StatusCode);

        // A secret that does not parse fails the options validation of the reload (the error names the position, not the
        // value) and the receiver keeps the secrets it has.
        configuration["Webhooks:Secrets:1"] = "whsec_not-base64";
        var failure = Assert.ThrowsAny<Exception>(configuration.Reload);
        Assert.DoesNotContain("not-base64", failure.ToString(), StringComparison.Ordinal);
        Assert.Equal(200, (await SendAsync(receiver, clock, TestSecrets.Secondary)).StatusCode);
        configuration["Webhooks:Secrets:1"] = TestSecrets.Secondary;
        configuration.Reload();

        // Other settings follow too.
        configuration["Webhooks:MaxBodyBytes"] = "100";
        configuration.Reload();
        Assert.Equal(100, receiver.MaxBodyBytes);
        Assert.Equal(413, (await SendAsync(receiver, clock, TestSecrets.Secondary)).StatusCode);
    }

    [Fact]
    public async Task Options_with_a_secret_that_does_not_parse_leave_the_current_ones_in_place_and_are_logged_without_the_value()
    {
        await using var harness = new ReceiverHarness();
        var unusable = "whsec_" + new string('!', 44);
        var options = new WebhookReceiverOptions { Secrets = { unusable } };

        harness.Receiver.Reload(options);

        Assert.Equal(200, (await harness.SendAsync(harness.Request(WebhookEventType.VisitReportApproved))).StatusCode);
        var error = Assert.Single(harness.Logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("kept its current options", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Logs.Entries, e => e.Message.Contains("!!!!", StringComparison.Ordinal));
    }

    private static ValueTask<WebhookReceiveResult> SendAsync(WebhookReceiver receiver, TimeProvider clock, string secret)
    {
        var request = WebhookTestRequests.Create(WebhookEventType.TargetImported, secret, new WebhookTestRequestOptions
        {
            EventId = WebhookIdentifiers.NewEventId(),
            Timestamp = clock.GetUtcNow(),
        });
        return receiver.ReceiveAsync(request.HeaderReader, request.Body, request.ContentType, CancellationToken.None);
    }
}
