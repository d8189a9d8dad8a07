using Microsoft.Extensions.Time.Testing;

namespace Ordinavo.Webhooks.Signing.Tests.Vectors;

/// <summary>Every vector of docs/signature-test-vectors.json is reproduced by the signer and accepted by the verifier.</summary>
public sealed class SignatureTestVectorTests
{
    [Fact]
    public void The_vectors_file_covers_what_the_issue_asks_for()
    {
        var names = SignatureTestVectors.Vectors.Select(v => v.GetProperty("name").GetString()).ToList();
        Assert.True(names.Count >= 12, $"only {names.Count} vectors");
        Assert.Contains("empty-body", names);
        Assert.Contains("non-ascii", names);
        Assert.Contains("crlf-line-endings", names);
        Assert.Contains("one-mebibyte", names);
        Assert.Contains("rotation-two-secrets", names);
        Assert.Contains("standard-webhooks", names);
        Assert.Equal(1024 * 1024, SignatureTestVectors.Body(SignatureTestVectors.Vector("one-mebibyte")).Length);
    }

    [Theory]
    [MemberData(nameof(SignatureTestVectors.VectorNames), MemberType = typeof(SignatureTestVectors))]
    public void Signer_reproduces_the_vector(string name)
    {
        var vector = SignatureTestVectors.Vector(name);
        var secrets = SignatureTestVectors.Secrets(vector.GetProperty("secrets"));
        var expected = SignatureTestVectors.Headers(vector.GetProperty("headers"));
        var standard = vector.GetProperty("standardWebhooks").GetBoolean();
        var eventId = vector.GetProperty("eventId").GetString()!;
        var timestamp = SignatureTestVectors.Time(vector.GetProperty("timestamp").GetString()!);

        var signed = new WebhookSigner(secrets).Sign(eventId, timestamp, SignatureTestVectors.Body(vector), standard);

        var actual = signed.ToHeaders().ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(expected.OrderBy(h => h.Key), actual.OrderBy(h => h.Key));
    }

    [Theory]
    [MemberData(nameof(SignatureTestVectors.VectorNames), MemberType = typeof(SignatureTestVectors))]
    public void Verifier_accepts_the_vector_with_every_secret_alone(string name)
    {
        var vector = SignatureTestVectors.Vector(name);
        var headers = SignatureTestVectors.Headers(vector.GetProperty("headers"));
        var body = SignatureTestVectors.Body(vector);
        var secrets = SignatureTestVectors.Secrets(vector.GetProperty("secrets"));
        var clock = new FakeTimeProvider(SignatureTestVectors.Time(vector.GetProperty("timestamp").GetString()!));

        foreach (var secret in secrets)
        {
            var verifier = Verifier(clock, secret);
            var result = verifier.Verify(new DictionaryHeaderReader(headers), body);
            Assert.Equal(WebhookVerificationStatus.Valid, result.Status);
            Assert.Equal(WebhookSignatureScheme.Ordinavo, result.Scheme);
            Assert.Equal(vector.GetProperty("eventId").GetString(), result.EventId);

            if (vector.GetProperty("standardWebhooks").GetBoolean())
            {
                var standard = verifier.VerifyStandardWebhooks(headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"], body);
                Assert.Equal(WebhookVerificationStatus.Valid, standard.Status);
                Assert.Equal(WebhookSignatureScheme.StandardWebhooks, standard.Scheme);

                var onlyStandard = headers.Where(h => h.Key.StartsWith("webhook-", StringComparison.Ordinal))
                    .ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
                Assert.Equal(WebhookVerificationStatus.Valid, verifier.Verify(new DictionaryHeaderReader(onlyStandard), body).Status);
            }
        }
    }

    [Theory]
    [MemberData(nameof(SignatureTestVectors.CaseNames), MemberType = typeof(SignatureTestVectors))]
    public void Verification_case_has_the_documented_outcome(string name)
    {
        var testCase = SignatureTestVectors.Case(name);
        var vector = SignatureTestVectors.Vector(testCase.GetProperty("basedOn").GetString()!);
        var headers = SignatureTestVectors.Headers(testCase.TryGetProperty("headers", out var h) ? h : vector.GetProperty("headers"));
        var body = testCase.TryGetProperty("bodyBase64", out var b) ? Convert.FromBase64String(b.GetString()!) : SignatureTestVectors.Body(vector);
        var secrets = SignatureTestVectors.Secrets(testCase.TryGetProperty("receiverSecrets", out var s) ? s : vector.GetProperty("secrets"));
        var clock = SignatureTestVectors.Time((testCase.TryGetProperty("receiverClock", out var c) ? c : vector.GetProperty("timestamp")).GetString()!);

        var result = Verifier(new FakeTimeProvider(clock), secrets).Verify(new DictionaryHeaderReader(headers), body);

        Assert.Equal(Enum.Parse<WebhookVerificationStatus>(testCase.GetProperty("expected").GetString()!), result.Status);
        var httpStatus = result.Status switch
        {
            WebhookVerificationStatus.Valid => 200,
            WebhookVerificationStatus.MissingHeader or WebhookVerificationStatus.MalformedHeader => 400,
            _ => 401,
        };
        Assert.Equal(testCase.GetProperty("httpStatus").GetInt32(), httpStatus);
    }

    /// <summary>A verifier that, like a receiver configured for them, also takes requests with only the Standard Webhooks headers.</summary>
    private static WebhookVerifier Verifier(TimeProvider clock, params WebhookSecret[] secrets)
    {
        var options = new WebhookVerifierOptions { TimeProvider = clock, AcceptStandardWebhooks = true };
        foreach (var secret in secrets)
        {
            options.Secrets.Add(secret);
        }

        return new WebhookVerifier(options);
    }
}
