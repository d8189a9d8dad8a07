using Ordinavo.Webhooks.Publishing.Tests.Support;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Publishing.Tests.Integration;

/// <summary>The connect-time destination check, through the real handler against a real receiver on 127.0.0.1.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class SsrfGuardTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Theory]
    [InlineData("http://127.0.0.1:{port}/hook")]
    [InlineData("http://localhost:{port}/hook")]
    [InlineData("http://10.0.0.1:{port}/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]:{port}/hook")]
    [InlineData("http://0.0.0.0:{port}/hook")]
    public async Task Refuses_private_loopback_and_metadata_destinations_that_are_not_allow_listed(string url)
    {
        var requests = 0;
        await using var receiver = await Receiver.StartAsync((_, _) =>
        {
            Interlocked.Increment(ref requests);
            return Task.CompletedTask;
        });
        await using var publisher = await PublisherHost.StartAsync(o => o.AllowedDestinations = [], startWorker: false);
        publisher.Subscribe("target", new Uri(url.Replace("{port}", receiver.Port.ToString())), WebhookSecret.Generate());

        var result = await publisher.Operations.SendTestEventAsync("target", Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(WebhookDeliveryErrorKind.DestinationRefused, result.Attempt.ErrorKind);
        Assert.Null(result.Attempt.StatusCode);
        Assert.Equal(0, requests);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/hook", "127.0.0.0/8")]
    [InlineData("http://localhost:{port}/hook", "localhost")]
    public async Task Allows_loopback_when_allow_listed(string url, string allowed)
    {
        var requests = 0;
        await using var receiver = await Receiver.StartAsync((_, _) =>
        {
            Interlocked.Increment(ref requests);
            return Task.CompletedTask;
        });
        await using var publisher = await PublisherHost.StartAsync(o => o.AllowedDestinations = [allowed], startWorker: false);
        publisher.Subscribe("target", new Uri(url.Replace("{port}", receiver.Port.ToString())), WebhookSecret.Generate());

        var result = await publisher.Operations.SendTestEventAsync("target", Ct);

        Assert.True(result.Succeeded, result.Attempt.ToString());
        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task The_check_happens_at_connect_time_for_every_resolved_address()
    {
        var policy = DestinationPolicy.Create([]);
        var answers = new Queue<System.Net.IPAddress[]>([
            [System.Net.IPAddress.Parse("93.184.216.34"), System.Net.IPAddress.Parse("10.1.1.1")],
        ]);
        var connector = new GuardedConnector(policy, (_, _) => ValueTask.FromResult(answers.Dequeue()));
        using var handler = new System.Net.Http.SocketsHttpHandler { ConnectCallback = connector.ConnectAsync };
        using var client = new HttpClient(handler);

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://rebinding.example/"));
        Assert.IsType<DestinationRefusedException>(ex.InnerException);
    }
}
