using System.Text;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Signing;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Receiving.Tests;

public sealed class BadInputTests
{
    private const int Iterations = 4000;

    [Fact]
    public async Task Thousands_of_mutated_requests_never_throw_never_5xx_and_are_accepted_only_when_validly_signed()
    {
        await using var harness = new ReceiverHarness(b => b.AddHandlerForAll<RecordingHandler>(), o => o.MaxBodyBytes = 4096);
        var originals = WebhookSamples.All.Select(e => harness.Request(e.EventType)).ToArray();
        var verifier = new WebhookVerifier(new WebhookVerifierOptions
        {
            Secrets = { WebhookSecret.Parse(TestSecrets.Primary) },
            TimeProvider = harness.Clock,
            AcceptStandardWebhooks = false,
        });
        var random = new Random(20261122);
        var statuses = new Dictionary<int, int>();
        var accepted = 0;

        for (var i = 0; i < Iterations; i++)
        {
            var original = originals[random.Next(originals.Length)];
            var mutated = RequestMutator.Mutate(original, random);
            var result = await harness.SendAsync(mutated);

            statuses[result.StatusCode] = statuses.GetValueOrDefault(result.StatusCode) + 1;
            Assert.Contains(result.StatusCode, new[] { 200, 400, 401, 409, 413, 415 });
            if (result.IsSuccess)
            {
                accepted++;
                Assert.True(verifier.Verify(mutated.HeaderReader, mutated.Body.Span).IsValid, $"accepted without a valid signature: {mutated}");
                Assert.Contains(originals, o => o.Body.Span.SequenceEqual(mutated.Body.Span));
            }
        }

        // The mutations must exercise both sides, or the test proves nothing.
        Assert.InRange(accepted, Iterations / 20, Iterations - (Iterations / 4));
        Assert.True(statuses.GetValueOrDefault(400) > 100, "400s");
        Assert.True(statuses.GetValueOrDefault(401) > 100, "401s");
        Assert.True(statuses.GetValueOrDefault(413) > 10, "413s");
        Assert.True(statuses.GetValueOrDefault(415) > 10, "415s");
        Assert.All(harness.Log.Calls, c => Assert.Contains(originals, o => o.EventId == c.Context.EventId));
        Assert.Equal(originals.Length, harness.Log.Calls.Select(c => c.Context.EventId).Distinct().Count());
        Assert.Equal(originals.Length, harness.Log.Calls.Count);
    }
}

/// <summary>Random damage to a signed request: headers, body, content type, lengths. Shared with the Kestrel variant.</summary>
public static class RequestMutator
{
    private static readonly string[] HeaderNames =
    [
        WebhookHeaderNames.EventId, WebhookHeaderNames.EventType, WebhookHeaderNames.Timestamp, WebhookHeaderNames.Signature,
        WebhookHeaderNames.DeliveryId, WebhookHeaderNames.DeliveryAttempt,
    ];

    private static readonly string?[] ContentTypes =
    [
        "application/json; charset=utf-8", "application/json", "text/plain", "application/xml", "application/json; charset=latin1",
        "application/problem+json", "multipart/form-data; boundary=x", "", null, "application/", "json",
    ];

    public static SignedWebhookRequest Mutate(SignedWebhookRequest request, Random random)
    {
        var count = random.Next(4); // 0 mutations keeps a valid request (a retry that must be answered 200)
        for (var i = 0; i < count; i++)
        {
            request = random.Next(10) switch
            {
                0 => request.WithHeader(HeaderNames[random.Next(HeaderNames.Length)], null),
                1 => request.WithHeader(HeaderNames[random.Next(HeaderNames.Length)], Garbage(random)),
                2 => request.WithBody(FlipByte(request.Body.Span, random)),
                3 => request.WithBody(request.Body.Span[..random.Next(request.Body.Length + 1)]),
                4 => request.WithBody([.. request.Body.Span, .. Encoding.UTF8.GetBytes(new string(' ', random.Next(1, 5000)))]),
                5 => request.WithContentType(ContentTypes[random.Next(ContentTypes.Length)]),
                6 => request.WithHeader(WebhookHeaderNames.Signature, MutateSignature(request.GetHeader(WebhookHeaderNames.Signature), random)),
                7 => request.WithHeader(WebhookHeaderNames.Timestamp, MutateTimestamp(request.GetHeader(WebhookHeaderNames.Timestamp), random)),
                8 => request.WithHeader(WebhookHeaderNames.EventId, random.Next(2) == 0 ? WebhookIdentifiers.NewEventId() : request.EventId + "x"),
                _ => request.WithHeader(WebhookHeaderNames.DeliveryAttempt, random.Next(-2, 12).ToString()),
            };
        }

        return request;
    }

    private static string Garbage(Random random)
    {
        var length = random.Next(0, random.Next(2) == 0 ? 20 : 3000);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(6) switch
            {
                0 => (char)random.Next(0, 32),
                1 => (char)random.Next(0x80, 0x3000),
                2 => ",=. "[random.Next(4)],
                _ => (char)random.Next(33, 127),
            };
        }

        return new string(chars);
    }

    private static byte[] FlipByte(ReadOnlySpan<byte> body, Random random)
    {
        var copy = body.ToArray();
        if (copy.Length > 0)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }

        return copy;
    }

    private static string? MutateSignature(string? signature, Random random)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return "sha256=" + new string('0', 64);
        }

        return random.Next(4) switch
        {
            0 => signature.ToUpperInvariant(), // upper-case hex stays valid
            1 => "sha256=deadbeef, " + signature, // a malformed entry before a valid one stays valid
            2 => signature[..^1] + (signature[^1] == '0' ? '1' : '0'),
            _ => signature.Replace("sha256=", "sha512=", StringComparison.Ordinal),
        };
    }

    private static string? MutateTimestamp(string? timestamp, Random random)
    {
        if (!DateTimeOffset.TryParse(timestamp, out var value))
        {
            return "2026-06-18T16:40:00Z";
        }

        return random.Next(3) switch
        {
            0 => value.AddSeconds(random.Next(-900, 900)).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            1 => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
            _ => value.ToUnixTimeSeconds().ToString(),
        };
    }
}
