using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Signing;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Samples.Tests.Integrator;

/// <summary>An integrator's own tests of their receiver app, hosted by WebApplicationFactory, with the Testing package's helpers.</summary>
public sealed class ReceiverAppTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private static readonly string ConfiguredSecret = WebhookSecret.Generate().ExposeSecret();

    [Fact]
    public async Task An_approved_visit_report_is_handled_once()
    {
        var secret = WebhookSecret.Generate().ExposeSecret();
        var app = factory.WithWebHostBuilder(host => host
            .UseSetting("secret", ConfiguredSecret)
            .ConfigureTestServices(services => services.UseOrdinavoWebhookTestSecret(secret).AddOrdinavoWebhookRecording()));
        var client = app.CreateClient();

        var response = await client.PostOrdinavoWebhookAsync("/webhooks/ordinavo", WebhookEventType.VisitReportApproved, secret);

        Assert.True(response.IsHandled, response.ToString());
        Assert.Equal(1, app.Services.GetRequiredService<WebhookEventRecording>().CountOf(response.EventId));
    }

    [Fact]
    public async Task The_test_secret_replaces_the_configured_one_and_a_wrong_signature_is_not_handled()
    {
        var secret = WebhookSecret.Generate().ExposeSecret();
        var app = factory.WithWebHostBuilder(host => host
            .UseSetting("secret", ConfiguredSecret)
            .ConfigureTestServices(services => services.UseOrdinavoWebhookTestSecret(secret).AddOrdinavoWebhookRecording()));
        var client = app.CreateClient();

        var withConfigured = await client.PostOrdinavoWebhookAsync("/webhooks/ordinavo", WebhookEventType.BillingEventSent, ConfiguredSecret);
        var duplicate = WebhookTestRequests.Create(WebhookEventType.TargetImported, secret);
        var first = await client.PostOrdinavoWebhookAsync("/webhooks/ordinavo", duplicate);
        var again = await client.PostOrdinavoWebhookAsync("/webhooks/ordinavo", duplicate.AsAttempt(2));

        Assert.Equal(HttpStatusCode.Unauthorized, withConfigured.StatusCode);
        Assert.False(withConfigured.IsHandled);
        Assert.True(first.IsHandled, first.ToString());
        Assert.Equal("duplicate", again.Outcome);
        var recording = app.Services.GetRequiredService<WebhookEventRecording>();
        Assert.Equal(0, recording.CountOf(withConfigured.EventId));
        Assert.Equal(1, recording.CountOf(first.EventId));
    }
}
