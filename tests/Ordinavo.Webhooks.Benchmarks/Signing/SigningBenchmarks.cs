using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Ordinavo.Webhooks.Signing;
using StandardWebhooks;
using StripeEventUtility = Stripe.EventUtility;

namespace Ordinavo.Webhooks.Benchmarks.Signing;

/// <summary>
/// Signing and verifying against the floor: one-shot <c>HMACSHA256.HashData</c> over the same signed bytes (prefix and
/// body, already contiguous) plus lowercase hex encoding. The signer and verifier keep the keyed HMAC state pooled per
/// secret, so they skip the key set-up the floor pays on every call. Beside them, on the same bodies in the same run,
/// two peers verifying their own headers: the <c>StandardWebhooks</c> package (<c>StandardWebhook.Verify</c>, Standard
/// Webhooks headers) and <c>Stripe.net</c> (<c>EventUtility.ValidateSignature</c>, a <c>Stripe-Signature</c> header).
/// Both take the body as a string, decoded once in the set-up as an integrator's framework would hand it over.
/// The bodies are random printable ASCII (valid UTF-8, so the peers' strings hold the same bytes). The requests are
/// signed at set-up with the current time, because the peers check the timestamp against the system clock.
/// 30 iterations (instead of the shared 15) and Min/Median columns because the 2-core build machine is shared and
/// noisy: interference only adds time, so the ratio of the minimums is the most robust figure there.
/// Everything else comes from the shared <see cref="BenchmarkConfig"/> that <see cref="Program"/> passes.
/// </summary>
[IterationCount(30)]
[MinColumn]
[MedianColumn]
public class SigningBenchmarks
{
    private const string EventId = "evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C";
    private const string Secret = "whsec_HRjOM5Babk8tboEOrHJ1R7N5gXIjmfPRVSl2W/yDYq8=";

    private DateTimeOffset _signedAt;
    private string _timestamp = "";
    private byte[] _key = [];
    private byte[] _body = [];
    private string _bodyText = "";
    private byte[] _signedContent = [];
    private WebhookSigner _signer = null!;
    private WebhookVerifier _verifier = null!;
    private string _signature = "";
    private string _standardTimestamp = "";
    private string _standardSignature = "";
    private Dictionary<string, string> _headers = [];
    private StandardWebhook _standardWebhook = null!;
    private HeaderDictionary _standardHeaders = null!;
    private string _stripeHeader = "";
    private long _stripeNow;

    /// <summary>Body size in bytes: 1 KiB and 64 KiB.</summary>
    [Params(1024, 64 * 1024)]
    public int BodySize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _signedAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        _timestamp = _signedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var secret = WebhookSecret.Parse(Secret);
        _key = Convert.FromBase64String(Secret[WebhookSecret.Prefix.Length..]);
        _body = new byte[BodySize];
        var random = new Random(42);
        for (var i = 0; i < _body.Length; i++)
        {
            _body[i] = (byte)random.Next(0x20, 0x7F);
        }

        _bodyText = Encoding.UTF8.GetString(_body);
        _signedContent = [.. Encoding.UTF8.GetBytes($"{EventId}.{_timestamp}."), .. _body];
        _signer = new WebhookSigner(secret);
        var signed = _signer.Sign(EventId, _signedAt, _body, includeStandardWebhooks: true);
        _signature = signed.Signature;
        _standardTimestamp = signed.StandardWebhookTimestamp!;
        _standardSignature = signed.StandardWebhookSignature!;
        _headers = signed.ToHeaders().ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        var options = new WebhookVerifierOptions { TimeProvider = new FixedTimeProvider(_signedAt) };
        options.Secrets.Add(secret);
        _verifier = new WebhookVerifier(options);

        _standardWebhook = new StandardWebhook(Secret);
        _standardHeaders = new HeaderDictionary
        {
            ["webhook-id"] = EventId,
            ["webhook-timestamp"] = _standardTimestamp,
            ["webhook-signature"] = _standardSignature,
        };

        // Stripe signs "{t}.{payload}" with the UTF-8 bytes of the secret string as the key.
        _stripeNow = _signedAt.ToUnixTimeSeconds();
        var stripeMac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{_stripeNow}.{_bodyText}"));
        _stripeHeader = $"t={_stripeNow},v1={Convert.ToHexStringLower(stripeMac)}";

        if (!Verify() || !VerifyFromHeaders() || !VerifyStandardWebhooks() || "sha256=" + Floor() != _signature || !StandardWebhooksPeer() || !StripePeer())
        {
            throw new InvalidOperationException("The benchmark set-up does not verify.");
        }
    }

    [Benchmark(Baseline = true, Description = "Floor: HMACSHA256.HashData + hex")]
    public string Floor() => Convert.ToHexStringLower(HMACSHA256.HashData(_key, _signedContent));

    [Benchmark(Description = "WebhookSigner.Sign")]
    public WebhookSignatureHeaders Sign() => _signer.Sign(EventId, _signedAt, _body);

    [Benchmark(Description = "WebhookVerifier.Verify (header strings)")]
    public bool Verify() => _verifier.Verify(EventId, _timestamp, _signature, _body).IsValid;

    [Benchmark(Description = "WebhookVerifier.Verify (header reader)")]
    public bool VerifyFromHeaders() => _verifier.Verify(new DictionaryHeaderReader(_headers), _body).IsValid;

    [Benchmark(Description = "WebhookVerifier.VerifyStandardWebhooks")]
    public bool VerifyStandardWebhooks() => _verifier.VerifyStandardWebhooks(EventId, _standardTimestamp, _standardSignature, _body).IsValid;

    /// <summary>The StandardWebhooks package 1.1.2: throws unless valid.</summary>
    [Benchmark(Description = "Peer: StandardWebhooks StandardWebhook.Verify")]
    public bool StandardWebhooksPeer()
    {
        _standardWebhook.Verify(_bodyText, _standardHeaders);
        return true;
    }

    /// <summary>Stripe.net 53.1.0: throws unless valid; the clock is passed in.</summary>
    [Benchmark(Description = "Peer: Stripe.net EventUtility.ValidateSignature")]
    public bool StripePeer()
    {
        StripeEventUtility.ValidateSignature(_bodyText, _stripeHeader, Secret, 300, _stripeNow);
        return true;
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
