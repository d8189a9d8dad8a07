using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Ordinavo.Webhooks.Signing.Tests.Verification;

/// <summary>Secrets, a body and a clock shared by the verifier tests.</summary>
internal static class VerifierFixture
{
    public const string EventId = "evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C";
    public static readonly WebhookSecret Old = WebhookSecret.Parse("whsec_HRjOM5Babk8tboEOrHJ1R7N5gXIjmfPRVSl2W/yDYq8=");
    public static readonly WebhookSecret New = WebhookSecret.Parse("whsec_VCMHI2DKrzVEARkM+BKOxEROcCQxQNtg2dmr3rUPtX4=");
    public static readonly WebhookSecret Other = WebhookSecret.Parse("whsec_d2P7CVGX/7CnodxAZV7tZudooDMG8yWl7tLU1iJAtvA=");
    public static readonly DateTimeOffset Now = new(2026, 6, 18, 16, 40, 0, TimeSpan.Zero);
    public static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"eventId\":\"evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C\",\"eventType\":\"visit_report.approved\"}");

    public static WebhookVerifier Verifier(params WebhookSecret[] secrets) => Verifier(new FakeTimeProvider(Now), secrets);

    public static WebhookVerifier Verifier(TimeProvider clock, params WebhookSecret[] secrets) => Verifier(clock, null, true, secrets);

    public static WebhookVerifier Verifier(TimeProvider clock, TimeSpan? tolerance, bool acceptStandard, params WebhookSecret[] secrets)
    {
        var options = new WebhookVerifierOptions { TimeProvider = clock, AcceptStandardWebhooks = acceptStandard };
        if (tolerance is { } t)
        {
            options.Tolerance = t;
        }

        foreach (var secret in secrets)
        {
            options.Secrets.Add(secret);
        }

        return new WebhookVerifier(options);
    }

    public static WebhookSignatureHeaders Sign(params WebhookSecret[] secrets) =>
        new WebhookSigner(secrets).Sign(EventId, Now, Body, includeStandardWebhooks: true);

    public static Dictionary<string, string> Headers(WebhookSignatureHeaders signed) =>
        signed.ToHeaders().ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
}
