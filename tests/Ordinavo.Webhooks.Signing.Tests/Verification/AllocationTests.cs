#if !SIGNING_NETSTANDARD
using static Ordinavo.Webhooks.Signing.Tests.Verification.VerifierFixture;

namespace Ordinavo.Webhooks.Signing.Tests.Verification;

/// <summary>
/// Verifying from a span allocates nothing on the net10.0 build (the BenchmarkDotNet figures in docs/benchmarks.md
/// show the same); counted with the runtime's per-thread allocation counter, not timed.
/// </summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1024)]
    [InlineData(64 * 1024)]
    public void Verifying_allocates_nothing(int bodyLength)
    {
        var body = new byte[bodyLength];
        new Random(bodyLength).NextBytes(body);
        var verifier = Verifier(Other, Old);
        var signed = new WebhookSigner(Old).Sign(EventId, Now, body, includeStandardWebhooks: true);
        var headers = new DictionaryHeaderReader(Headers(signed));
        var bad = "sha256=" + new string('0', 64);

        for (var i = 0; i < 3; i++)
        {
            Run();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var valid = Run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(4, valid);

        int Run()
        {
            var count = 0;
            count += verifier.Verify(signed.EventId, signed.Timestamp, signed.Signature, body).IsValid ? 1 : 0;
            count += verifier.Verify(headers, body).IsValid ? 1 : 0;
            count += verifier.VerifyStandardWebhooks(signed.EventId, signed.StandardWebhookTimestamp, signed.StandardWebhookSignature, body).IsValid ? 1 : 0;
            count += verifier.VerifyOrThrow(signed.EventId, signed.Timestamp, signed.Signature, body).IsValid ? 1 : 0;
            count += verifier.Verify(signed.EventId, signed.Timestamp, bad, body).IsValid ? 1 : 0;
            count += verifier.Verify(signed.EventId, "2026-06-18T17:40:00Z", signed.Signature, body).IsValid ? 1 : 0;
            return count;
        }
    }
}
#endif
