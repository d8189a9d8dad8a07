using System.Text;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Signing;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Receiving.AspNetCore.Tests;

public sealed class BadInputOverHttpTests
{
    private const int Iterations = 300;

    [Fact]
    public async Task Hundreds_of_mutated_requests_over_kestrel_get_contract_answers_and_are_accepted_only_when_validly_signed()
    {
        await using var server = await WebhookTestServer.StartAsync(o => o.MaxBodyBytes = 4096, b => b.AddHandlerForAll<RecordingHandler>());
        var originals = WebhookSamples.All
            .Select(e => WebhookTestRequests.Create(e, WebhookTestServer.Secret, new WebhookTestRequestOptions { EventId = WebhookIdentifiers.NewEventId() }))
            .ToArray();
        var verifier = new WebhookVerifier(new WebhookVerifierOptions { Secrets = { WebhookSecret.Parse(WebhookTestServer.Secret) }, AcceptStandardWebhooks = false });
        var random = new Random(7);
        var statuses = new Dictionary<int, int>();

        for (var i = 0; i < Iterations; i++)
        {
            var mutated = Mutate(originals[random.Next(originals.Length)], random);
            using var message = mutated.ToHttpRequestMessage(server.Endpoint);
            using var response = await server.Client.SendAsync(message);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;

            Assert.Contains(status, new[] { 200, 400, 401, 409, 413, 415 });
            if (status == 200)
            {
                Assert.True(verifier.Verify(mutated.HeaderReader, mutated.Body.Span).IsValid, $"accepted without a valid signature: {mutated}");
            }
        }

        Assert.True(statuses.GetValueOrDefault(200) > 20);
        Assert.True(statuses.GetValueOrDefault(400) + statuses.GetValueOrDefault(401) > 50);
        Assert.Equal(server.Log.Calls.Count, server.Log.Calls.Select(c => c.EventId).Distinct().Count());
        Assert.DoesNotContain(server.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    private static SignedWebhookRequest Mutate(SignedWebhookRequest request, Random random)
    {
        string[] headers = [WebhookHeaderNames.EventId, WebhookHeaderNames.Timestamp, WebhookHeaderNames.Signature, WebhookHeaderNames.DeliveryAttempt, WebhookHeaderNames.EventType];
        for (var i = random.Next(3); i > 0; i--)
        {
            request = random.Next(7) switch
            {
                0 => request.WithHeader(headers[random.Next(headers.Length)], null),
                1 => request.WithHeader(headers[random.Next(headers.Length)], Printable(random)),
                2 => request.WithBody(Flip(request.Body.Span, random)),
                3 => request.WithBody(request.Body.Span[..random.Next(request.Body.Length + 1)]),
                4 => request.WithBody([.. request.Body.Span, .. Encoding.ASCII.GetBytes(new string(' ', random.Next(1, 5000)))]),
                5 => request.WithContentType(random.Next(3) switch { 0 => "text/plain", 1 => "application/json", _ => "application/xml" }),
                _ => request.WithHeader(WebhookHeaderNames.EventId, WebhookIdentifiers.NewEventId()),
            };
        }

        return request;
    }

    private static string Printable(Random random)
    {
        var chars = new char[random.Next(0, 200)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)random.Next(33, 127);
        }

        return new string(chars);
    }

    private static byte[] Flip(ReadOnlySpan<byte> body, Random random)
    {
        var copy = body.ToArray();
        if (copy.Length > 0)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }

        return copy;
    }
}
