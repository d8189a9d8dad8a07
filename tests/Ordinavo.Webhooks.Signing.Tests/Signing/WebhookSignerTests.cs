using System.Security.Cryptography;
using System.Text;

namespace Ordinavo.Webhooks.Signing.Tests.Signing;

public sealed class WebhookSignerTests
{
    private const string EventId = "evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C";
    private static readonly WebhookSecret First = WebhookSecret.Parse("whsec_HRjOM5Babk8tboEOrHJ1R7N5gXIjmfPRVSl2W/yDYq8=");
    private static readonly WebhookSecret Second = WebhookSecret.Parse("whsec_VCMHI2DKrzVEARkM+BKOxEROcCQxQNtg2dmr3rUPtX4=");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"eventId\":\"evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C\"}");

    [Fact]
    public void Signature_is_lowercase_hex_HMAC_over_id_timestamp_and_raw_body()
    {
        var signed = new WebhookSigner(First).Sign(EventId, new DateTimeOffset(2026, 6, 18, 16, 40, 5, TimeSpan.Zero), Body);

        var content = Encoding.UTF8.GetBytes($"{EventId}.2026-06-18T16:40:05Z.").Concat(Body).ToArray();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Key(First), content));
        Assert.Equal(expected, signed.Signature);
        Assert.Equal("2026-06-18T16:40:05Z", signed.Timestamp);
        Assert.Equal(EventId, signed.EventId);
        Assert.Null(signed.StandardWebhookSignature);
        Assert.Null(signed.StandardWebhookTimestamp);
        Assert.False(signed.HasStandardWebhooks);
    }

    [Fact]
    public void Timestamp_is_converted_to_UTC_and_truncated_to_the_second()
    {
        var local = new DateTimeOffset(2026, 6, 18, 18, 40, 5, 999, TimeSpan.FromHours(2)).AddTicks(9999);

        var signed = new WebhookSigner(First).Sign(EventId, local, Body);

        Assert.Equal("2026-06-18T16:40:05Z", signed.Timestamp);
        Assert.Equal(new WebhookSigner(First).Sign(EventId, new DateTimeOffset(2026, 6, 18, 16, 40, 5, TimeSpan.Zero), Body).Signature, signed.Signature);
    }

    [Fact]
    public void Rotation_gives_one_entry_per_secret_in_order()
    {
        var at = new DateTimeOffset(2026, 6, 18, 16, 40, 5, TimeSpan.Zero);

        var both = new WebhookSigner(First, Second).Sign(EventId, at, Body);

        var one = new WebhookSigner(First).Sign(EventId, at, Body).Signature;
        var two = new WebhookSigner(Second).Sign(EventId, at, Body).Signature;
        Assert.Equal($"{one}, {two}", both.Signature);
        Assert.Equal($"{two}, {one}", new WebhookSigner([Second, First]).Sign(EventId, at, Body).Signature);
    }

    [Fact]
    public void Standard_Webhooks_headers_use_unix_seconds_and_base64()
    {
        var at = new DateTimeOffset(2026, 6, 18, 16, 40, 5, TimeSpan.Zero);

        var signed = new WebhookSigner(First, Second).Sign(EventId, at, Body, includeStandardWebhooks: true);

        var unix = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var content = Encoding.UTF8.GetBytes($"{EventId}.{unix}.").Concat(Body).ToArray();
        Assert.Equal(unix, signed.StandardWebhookTimestamp);
        Assert.Equal(
            $"v1,{Convert.ToBase64String(HMACSHA256.HashData(Key(First), content))} v1,{Convert.ToBase64String(HMACSHA256.HashData(Key(Second), content))}",
            signed.StandardWebhookSignature);
        Assert.Equal(
            ["X-Ordinavo-Event-Id", "X-Ordinavo-Timestamp", "X-Ordinavo-Signature", "webhook-id", "webhook-timestamp", "webhook-signature"],
            signed.ToHeaders().Select(h => h.Key));
        Assert.Equal(EventId, signed.ToHeaders().Single(h => h.Key == "webhook-id").Value);
    }

    [Fact]
    public void SignOnce_equals_a_signer_with_that_secret()
    {
        var at = new DateTimeOffset(2026, 6, 18, 16, 40, 5, TimeSpan.Zero);

        var once = WebhookSigner.SignOnce(First, EventId, at, Body, includeStandardWebhooks: true);
        var signer = new WebhookSigner(First).Sign(EventId, at, Body, includeStandardWebhooks: true);

        Assert.Equal(signer.ToHeaders(), once.ToHeaders());
    }

    [Theory]
    [InlineData("")]
    [InlineData("evt 1")]
    [InlineData("evt_1\r\nX-Injected: 1")]
    [InlineData("evt_ä")]
    [InlineData("evt_\t1")]
    public void Event_ids_that_cannot_be_a_header_value_are_refused(string eventId)
    {
        var signer = new WebhookSigner(First);

        Assert.Throws<ArgumentException>(() => signer.Sign(eventId, DateTimeOffset.UnixEpoch, Body));
    }

    [Fact]
    public void Event_id_length_is_limited_to_128_characters()
    {
        var signer = new WebhookSigner(First);

        Assert.Equal(new string('a', 128), signer.Sign(new string('a', 128), DateTimeOffset.UnixEpoch, Body).EventId);
        Assert.Throws<ArgumentException>(() => signer.Sign(new string('a', 129), DateTimeOffset.UnixEpoch, Body));
        Assert.Throws<ArgumentNullException>(() => signer.Sign(null!, DateTimeOffset.UnixEpoch, Body));
    }

    [Fact]
    public void Standard_Webhooks_cannot_sign_times_before_1970()
    {
        var before = new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero);
        var signer = new WebhookSigner(First);

        Assert.Equal("1969-12-31T23:59:59Z", signer.Sign(EventId, before, Body).Timestamp);
        Assert.Throws<ArgumentOutOfRangeException>(() => signer.Sign(EventId, before, Body, includeStandardWebhooks: true));
    }

    [Fact]
    public void A_signer_needs_at_least_one_secret()
    {
        Assert.Throws<ArgumentException>(() => new WebhookSigner());
        Assert.Throws<ArgumentException>(() => new WebhookSigner(new List<WebhookSecret>()));
        Assert.Throws<ArgumentException>(() => new WebhookSigner(First, null!));
        Assert.Throws<ArgumentNullException>(() => new WebhookSigner((IEnumerable<WebhookSecret>)null!));
        Assert.Throws<ArgumentNullException>(() => WebhookSigner.SignOnce(null!, EventId, DateTimeOffset.UnixEpoch, Body));
    }

    [Fact]
    public void AddTo_sets_the_headers_on_a_request_and_replaces_earlier_values()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/hook");
        request.Headers.TryAddWithoutValidation("X-Ordinavo-Signature", "sha256=stale");
        var signed = new WebhookSigner(First).Sign(EventId, DateTimeOffset.UnixEpoch, Body, includeStandardWebhooks: true);

        signed.AddTo(request.Headers);

        Assert.Equal([signed.Signature], request.Headers.GetValues("X-Ordinavo-Signature"));
        Assert.Equal([signed.Timestamp], request.Headers.GetValues("X-Ordinavo-Timestamp"));
        Assert.Equal([EventId], request.Headers.GetValues("webhook-id"));
        Assert.Equal(["0"], request.Headers.GetValues("webhook-timestamp"));
    }

    [Fact]
    public async Task Concurrent_signing_from_many_threads_gives_the_same_signatures()
    {
        var signer = new WebhookSigner(First, Second);
        var at = new DateTimeOffset(2026, 6, 18, 16, 40, 5, TimeSpan.Zero);
        var expected = signer.Sign(EventId, at, Body).Signature;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 500).Select(_ => signer.Sign(EventId, at, Body).Signature).Distinct().ToList())));

        Assert.All(results, r => Assert.Equal([expected], r));
    }

    private static byte[] Key(WebhookSecret secret) => Convert.FromBase64String(secret.ExposeSecret()["whsec_".Length..]);
}
