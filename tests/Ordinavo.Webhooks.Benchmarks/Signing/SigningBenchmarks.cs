using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Benchmarks.Signing;

/// <summary>
/// Signing and verifying against the floor of issue 4: one-shot <c>HMACSHA256.HashData</c> over the same signed bytes
/// (prefix and body, already contiguous) plus lowercase hex encoding. The signer and verifier keep the keyed HMAC
/// state pooled per secret, so they skip the key set-up the floor pays on every call. 30 iterations (instead of the
/// shared 15) and Min/Median columns because the 2-core build machine is shared and noisy: interference only adds
/// time, so the ratio of the minimums is the most robust figure there.
/// Everything else comes from the shared <see cref="BenchmarkConfig"/> that <see cref="Program"/> passes.
/// </summary>
[IterationCount(30)]
[MinColumn]
[MedianColumn]
public class SigningBenchmarks
{
    private const string EventId = "evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C";
    private const string Timestamp = "2026-06-18T16:40:05Z";
    private static readonly DateTimeOffset SignedAt = new(2026, 6, 18, 16, 40, 5, TimeSpan.Zero);

    private byte[] _key = [];
    private byte[] _body = [];
    private byte[] _signedContent = [];
    private WebhookSigner _signer = null!;
    private WebhookVerifier _verifier = null!;
    private string _signature = "";
    private string _standardTimestamp = "";
    private string _standardSignature = "";
    private Dictionary<string, string> _headers = [];

    /// <summary>Body size in bytes: 1 KiB and 64 KiB.</summary>
    [Params(1024, 64 * 1024)]
    public int BodySize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var secret = WebhookSecret.Parse("whsec_HRjOM5Babk8tboEOrHJ1R7N5gXIjmfPRVSl2W/yDYq8=");
        _key = Convert.FromBase64String(secret.ExposeSecret()[WebhookSecret.Prefix.Length..]);
        _body = new byte[BodySize];
        new Random(42).NextBytes(_body);
        _signedContent = [.. Encoding.UTF8.GetBytes($"{EventId}.{Timestamp}."), .. _body];
        _signer = new WebhookSigner(secret);
        var signed = _signer.Sign(EventId, SignedAt, _body, includeStandardWebhooks: true);
        _signature = signed.Signature;
        _standardTimestamp = signed.StandardWebhookTimestamp!;
        _standardSignature = signed.StandardWebhookSignature!;
        _headers = signed.ToHeaders().ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        var options = new WebhookVerifierOptions { TimeProvider = new FixedTimeProvider(SignedAt) };
        options.Secrets.Add(secret);
        _verifier = new WebhookVerifier(options);
        if (!Verify() || !VerifyFromHeaders() || !VerifyStandardWebhooks() || "sha256=" + Floor() != _signature)
        {
            throw new InvalidOperationException("The benchmark set-up does not verify.");
        }
    }

    [Benchmark(Baseline = true, Description = "Floor: HMACSHA256.HashData + hex")]
    public string Floor() => Convert.ToHexStringLower(HMACSHA256.HashData(_key, _signedContent));

    [Benchmark(Description = "WebhookSigner.Sign")]
    public WebhookSignatureHeaders Sign() => _signer.Sign(EventId, SignedAt, _body);

    [Benchmark(Description = "WebhookVerifier.Verify (header strings)")]
    public bool Verify() => _verifier.Verify(EventId, Timestamp, _signature, _body).IsValid;

    [Benchmark(Description = "WebhookVerifier.Verify (header reader)")]
    public bool VerifyFromHeaders() => _verifier.Verify(new DictionaryHeaderReader(_headers), _body).IsValid;

    [Benchmark(Description = "WebhookVerifier.VerifyStandardWebhooks")]
    public bool VerifyStandardWebhooks() => _verifier.VerifyStandardWebhooks(EventId, _standardTimestamp, _standardSignature, _body).IsValid;

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
