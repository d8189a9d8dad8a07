using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Ordinavo.Webhooks.Publishing.Tests.Support;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing.Tests.Delivery;

/// <summary>The sender takes the factory's client once per handler lifetime, not once per attempt.</summary>
public sealed class WebhookSenderClientTests
{
    [Fact]
    public async Task Attempts_share_the_factorys_client_until_its_handler_lifetime_has_passed()
    {
        var handler = new StubHandler();
        var factory = Substitute.For<IHttpClientFactory>();
        factory.CreateClient(WebhookPublisherOptions.HttpClientName).Returns(_ => new HttpClient(handler, disposeHandler: false));
        var clientOptions = Substitute.For<IOptionsMonitor<HttpClientFactoryOptions>>();
        clientOptions.Get(WebhookPublisherOptions.HttpClientName).Returns(new HttpClientFactoryOptions { HandlerLifetime = TimeSpan.FromMinutes(2) });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 18, 16, 40, 0, TimeSpan.Zero));
        using var telemetry = new WebhookPublisherTelemetry();
        var sender = new WebhookSender(factory, Options.Create(new WebhookPublisherOptions()), time, telemetry, clientOptions);
        var subscription = new WebhookSubscription
        {
            Id = "erp",
            TenantId = "tenant-123",
            EndpointUrl = new Uri("https://hooks.example.com/ordinavo"),
            Secrets = [WebhookSecret.Generate()],
        };

        async Task SendAsync()
        {
            var result = await sender.SendAsync(subscription, "del_1", "evt_1", "target.updated", "{}"u8.ToArray(), 1, CancellationToken.None);
            Assert.True(result.Attempt.Succeeded);
        }

        await SendAsync();
        time.Advance(TimeSpan.FromMinutes(1));
        await SendAsync();
        factory.Received(1).CreateClient(WebhookPublisherOptions.HttpClientName);

        time.Advance(TimeSpan.FromMinutes(1));
        await SendAsync();
        factory.Received(2).CreateClient(WebhookPublisherOptions.HttpClientName);
        Assert.Equal(3, handler.Requests.Count);
    }
}
